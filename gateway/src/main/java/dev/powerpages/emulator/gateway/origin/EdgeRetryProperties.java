package dev.powerpages.emulator.gateway.origin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Edge retry, off by default: when the endpoint the traffic manager named refuses the connection, an
 * idempotent request (GET or HEAD) is sent once more, to the next endpoint by priority, as an Azure Front
 * Door origin group sends a request to another origin when one fails. Without it the gateway behaves as a
 * plain DNS client does: the request fails (502) until the cached answer's TTL runs out.
 *
 * @param enabled whether a refused GET or HEAD is retried on the next endpoint
 */
@ConfigurationProperties("gateway.origin.edge-retry")
public record EdgeRetryProperties(boolean enabled) {}
