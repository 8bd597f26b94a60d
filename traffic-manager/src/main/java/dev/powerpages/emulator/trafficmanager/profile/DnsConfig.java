package dev.powerpages.emulator.trafficmanager.profile;

/**
 * ARM {@code dnsConfig}: the profile's DNS name is {@code relativeName.trafficmanager.net}; {@code ttl}
 * is how long (seconds) resolvers may cache an answer. A missing relative name defaults to the profile name.
 */
public record DnsConfig(String relativeName, Integer ttl) {

    /** Azure portal's default TTL. */
    static final int DEFAULT_TTL = 60;

    public DnsConfig {
        ttl = ttl == null ? DEFAULT_TTL : ttl;
    }

    public String fqdn() {
        return relativeName + ".trafficmanager.net";
    }
}
