package dev.powerpages.emulator.waf.policy;

import io.netty.util.NetUtil;

/**
 * An address or CIDR range (IPv4 or IPv6) as Front Door's IPMatch takes them ("10.0.0.0/8",
 * "2001:db8::/32", "192.168.1.7"). Parsed with Netty's literal parser, so no name is ever
 * looked up in DNS.
 */
public record IpRange(byte[] network, int prefix) {

    public static IpRange parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
        }
        return new IpRange(address, prefix);
    }

    public boolean contains(String ip) {
        if (ip == null) {
            return false;
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(ip);
        if (address != null && address.length == 16 && network.length == 4 && isMappedIpv4(address)) {
            address = java.util.Arrays.copyOfRange(address, 12, 16);
        }
        if (address == null || address.length != network.length) {
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((address[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMappedIpv4(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }
}
