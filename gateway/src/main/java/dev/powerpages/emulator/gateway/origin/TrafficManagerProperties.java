package dev.powerpages.emulator.gateway.origin;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway asks which app node takes the site's traffic.
 *
 * @param url the traffic manager's base URL
 * @param profile the profile the site's traffic follows (the route's tm://{profile})
 * @param timeout bound on one resolve call, connection included
 * @param retryInterval after a failed lookup, how long the last good answer is served before
 * asking again (RFC 8767's "failure recheck timer"), so an outage does not cost every request
 * a lookup
 */
@ConfigurationProperties("gateway.traffic-manager")
public record TrafficManagerProperties(URI url, String profile, Duration timeout, Duration retryInterval) {}
