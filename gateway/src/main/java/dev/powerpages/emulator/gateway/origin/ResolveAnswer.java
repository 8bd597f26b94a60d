package dev.powerpages.emulator.gateway.origin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.util.List;

/**
 * The traffic manager's answer to {@code GET /api/profiles/{name}/resolve} (see
 * docs/architecture.md, "Resolve"): the endpoint that now takes traffic and how many seconds
 * the answer may be cached, as Traffic Manager's DNS answer carries a CNAME and a TTL.
 *
 * @param fallbacks the other enabled endpoints, in the order to try them when this one refuses
 * connections (an emulator extension of the answer, used only by the optional edge retry); empty
 * when the traffic manager does not send them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveAnswer(
        String profile,
        String fqdn,
        String endpoint,
        String target,
        URI url,
        String endpointMonitorStatus,
        long ttl,
        boolean allEndpointsDegraded,
        List<Fallback> fallbacks) {

    public ResolveAnswer {
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    /** One fallback endpoint of the answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fallback(String endpoint, String target, URI url, String endpointMonitorStatus) {}

    /** The answer as if the traffic manager had named the fallback: what a retried request was sent to. */
    ResolveAnswer retriedOn(Fallback fallback) {
        return new ResolveAnswer(
                profile,
                fqdn,
                fallback.endpoint(),
                fallback.target(),
                fallback.url(),
                fallback.endpointMonitorStatus(),
                ttl,
                allEndpointsDegraded,
                List.of());
    }
}
