package dev.powerpages.emulator.gateway.origin;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The traffic manager's answer to {@code GET /api/profiles/{name}/resolve} (see
 * docs/architecture.md, "Resolve"): the endpoint that now takes traffic and how many seconds
 * the answer may be cached, as Traffic Manager's DNS answer carries a CNAME and a TTL.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveAnswer(String profile, String fqdn, String endpoint, String target, URI url,
		String endpointMonitorStatus, long ttl, boolean allEndpointsDegraded) {
}
