package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus;
import dev.powerpages.emulator.trafficmanager.profile.EndpointState;
import dev.powerpages.emulator.trafficmanager.profile.PriorityRouting;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.ProfileState;
import dev.powerpages.emulator.trafficmanager.profile.RoutingDecision;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Traffic Manager's DNS would answer for the profile's name, as JSON (the gateway's seam, see
 * docs/architecture.md "Resolve"). Where Azure answers NXDOMAIN this answers 404.
 */
@RestController
class ResolveController {

    private final ProfileRegistry profiles;
    private final MeterRegistry meters;

    ResolveController(ProfileRegistry profiles, MeterRegistry meters) {
        this.profiles = profiles;
        this.meters = meters;
    }

    /**
     * @param allEndpointsDegraded true when every enabled endpoint is Degraded and the answer is
     *        Azure's best effort (it answers as if they were all Online)
     * @param fallbacks EMULATOR EXTENSION: the other enabled endpoints in the order to try them if the chosen
     *        one refuses connections (for the gateway's optional edge retry; Azure's DNS answers one name)
     */
    record ResolveAnswer(
            String profile,
            String fqdn,
            String endpoint,
            String target,
            String url,
            EndpointMonitorStatus endpointMonitorStatus,
            int ttl,
            boolean allEndpointsDegraded,
            List<Fallback> fallbacks) {}

    /** One fallback endpoint. */
    record Fallback(String endpoint, String target, String url, EndpointMonitorStatus endpointMonitorStatus) {}

    @GetMapping("/api/profiles/{name}/resolve")
    ResponseEntity<ResolveAnswer> resolve(@PathVariable String name) {
        TrafficManagerProfile profile = profiles.find(name).orElseThrow(() -> ArmException.profileNotFound(name));
        ProfileState state = profile.state();
        RoutingDecision decision = PriorityRouting.route(state);
        if (decision instanceof RoutingDecision.NoAnswer noAnswer) {
            throw new ArmException(
                    HttpStatus.NOT_FOUND,
                    "NXDOMAIN",
                    noAnswer.reason() + " Traffic Manager answers " + "NXDOMAIN for "
                            + state.definition().dnsConfig().fqdn() + ".");
        }
        RoutingDecision.Answer answer = (RoutingDecision.Answer) decision;
        EndpointState endpoint = answer.endpoint();
        // Azure Monitor's "Queries by endpoint returned" metric.
        meters.counter("traffic.manager.queries", "profile", profile.name(), "endpoint", endpoint.name())
                .increment();
        int ttl = profile.answerTtl();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(ttl)))
                .body(new ResolveAnswer(
                        profile.name(),
                        state.definition().dnsConfig().fqdn(),
                        endpoint.name(),
                        endpoint.definition().target(),
                        endpoint.trafficUrl(),
                        endpoint.endpointMonitorStatus(),
                        ttl,
                        answer.allEndpointsDegraded(),
                        PriorityRouting.fallbacks(state, endpoint).stream()
                                .map(f -> new Fallback(
                                        f.name(), f.definition().target(), f.trafficUrl(), f.endpointMonitorStatus()))
                                .toList()));
    }
}
