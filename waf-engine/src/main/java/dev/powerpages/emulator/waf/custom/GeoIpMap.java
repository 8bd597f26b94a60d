package dev.powerpages.emulator.waf.custom;

import dev.powerpages.emulator.waf.policy.IpRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Country of a client address for GeoMatch. Front Door uses Microsoft's IP-to-country data; an
 * emulator uses a configured map of ranges to ISO country codes (gateway.waf.geo-ip), in which
 * loopback can be mapped for demos. Unknown addresses get "ZZ", Front Door's code for them.
 */
public final class GeoIpMap {

    public static final String UNKNOWN = "ZZ";

    private final List<Map.Entry<IpRange, String>> ranges = new ArrayList<>();

    public GeoIpMap(Map<String, String> rangeToCountry) {
        rangeToCountry.forEach((range, country) ->
                ranges.add(Map.entry(IpRange.parse(range), country.toUpperCase(java.util.Locale.ROOT))));
    }

    public String country(String ip) {
        for (Map.Entry<IpRange, String> entry : ranges) {
            if (entry.getKey().contains(ip)) {
                return entry.getValue();
            }
        }
        return UNKNOWN;
    }
}
