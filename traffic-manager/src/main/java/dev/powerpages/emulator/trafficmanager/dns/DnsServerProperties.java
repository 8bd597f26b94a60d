package dev.powerpages.emulator.trafficmanager.dns;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The DNS server's settings.
 *
 * @param port UDP port; 0 picks a free one (tests), -1 turns the server off
 * @param bindAddress the address to listen on (loopback by default: an emulator is not a public resolver)
 */
@ConfigurationProperties("traffic-manager.dns")
public record DnsServerProperties(Integer port, String bindAddress) {

    public DnsServerProperties {
        port = port == null ? 8053 : port;
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
    }
}
