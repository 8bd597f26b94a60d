package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Azure Traffic Manager's Priority routing method ("Traffic Manager routing methods"): endpoints form
 * a list ordered by priority and the first available one is returned. Available means enabled and
 * Online, CheckingEndpoint (Azure includes endpoints being checked in DNS answers) or Unmonitored.
 * When every enabled endpoint is Degraded, Azure answers as if all were Online, so the first enabled
 * one by priority is returned. A disabled profile, or one without an enabled endpoint, gets NXDOMAIN.
 */
public final class PriorityRouting {

    private static final Set<EndpointMonitorStatus> AVAILABLE = Set.of(
            EndpointMonitorStatus.ONLINE, EndpointMonitorStatus.CHECKING_ENDPOINT, EndpointMonitorStatus.UNMONITORED);

    private PriorityRouting() {}

    /**
     * The enabled endpoints other than {@code chosen}, in the order a client should try them when the chosen
     * one refuses its connection: available ones by priority, then Degraded ones by priority. Azure's DNS
     * answers one endpoint only; this list is for the gateway's optional edge retry.
     */
    public static List<EndpointState> fallbacks(ProfileState profile, EndpointState chosen) {
        return profile.endpoints().stream()
                .filter(endpoint -> endpoint.endpointStatus() == EndpointStatus.ENABLED)
                .filter(endpoint -> endpoint.endpointMonitorStatus() != EndpointMonitorStatus.STOPPED)
                .filter(endpoint -> !endpoint.name().equals(chosen.name()))
                .sorted(Comparator.<EndpointState, Boolean>comparing(
                                endpoint -> !AVAILABLE.contains(endpoint.endpointMonitorStatus()))
                        .thenComparingInt(EndpointState::priority))
                .toList();
    }

    public static RoutingDecision route(ProfileState profile) {
        if (profile.definition().profileStatus() == ProfileStatus.DISABLED) {
            return new RoutingDecision.NoAnswer("Profile '" + profile.name() + "' is Disabled.");
        }
        List<EndpointState> enabled = profile.endpoints().stream()
                .filter(endpoint -> endpoint.endpointStatus() == EndpointStatus.ENABLED)
                // Stopped endpoints (Azure endpoints only) are neither returned nor part of "all degraded".
                .filter(endpoint -> endpoint.endpointMonitorStatus() != EndpointMonitorStatus.STOPPED)
                .sorted(Comparator.comparingInt(EndpointState::priority))
                .toList();
        if (enabled.isEmpty()) {
            return new RoutingDecision.NoAnswer("Profile '" + profile.name() + "' has no enabled endpoint.");
        }
        return enabled.stream()
                .filter(endpoint -> AVAILABLE.contains(endpoint.endpointMonitorStatus()))
                .findFirst()
                .<RoutingDecision>map(endpoint -> new RoutingDecision.Answer(endpoint, false))
                .orElseGet(() -> new RoutingDecision.Answer(enabled.get(0), true));
    }
}
