package dev.powerpages.emulator.trafficmanager.dashboard;

import dev.powerpages.emulator.dashboard.ProfileReading;
import dev.powerpages.emulator.dashboard.ProfileSource;
import dev.powerpages.emulator.trafficmanager.profile.EndpointState;
import dev.powerpages.emulator.trafficmanager.profile.EndpointStatusChange;
import dev.powerpages.emulator.trafficmanager.profile.PriorityRouting;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.ProfileState;
import dev.powerpages.emulator.trafficmanager.profile.RoutingDecision;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Gives the dashboard module ({@code traffic-manager.dashboard-profile}, read in memory on every call) in its own
 * terms: the dashboard depends on this interface only, never on the profile package.
 */
@Component
class DashboardProfileSource implements ProfileSource {

    private final ProfileRegistry profiles;
    private final String profileName;

    DashboardProfileSource(ProfileRegistry profiles, TrafficManagerProperties properties) {
        this.profiles = profiles;
        this.profileName = properties.dashboardProfile();
    }

    @Override
    public Optional<ProfileReading> read() {
        return profiles.find(profileName).map(DashboardProfileSource::reading);
    }

    private static ProfileReading reading(TrafficManagerProfile profile) {
        ProfileState state = profile.state();
        RoutingDecision decision = PriorityRouting.route(state);
        ProfileReading.Routing routing = decision instanceof RoutingDecision.Answer answer
                ? new ProfileReading.Routing(answer.endpoint().name(), answer.allEndpointsDegraded(), null)
                : new ProfileReading.Routing(null, false, ((RoutingDecision.NoAnswer) decision).reason());
        return new ProfileReading(
                state.name(),
                state.definition().dnsConfig().fqdn(),
                state.definition().trafficRoutingMethod().toString(),
                state.definition().dnsConfig().ttl(),
                state.profileMonitorStatus().azureName(),
                routing,
                state.endpoints().stream().map(DashboardProfileSource::endpoint).toList(),
                profile.statusChanges().stream()
                        .map(DashboardProfileSource::change)
                        .toList());
    }

    private static ProfileReading.Endpoint endpoint(EndpointState endpoint) {
        return new ProfileReading.Endpoint(
                endpoint.name(),
                endpoint.definition().endpointLocation(),
                endpoint.priority(),
                endpoint.definition().target(),
                endpoint.trafficUrl(),
                endpoint.endpointStatus().toString(),
                endpoint.endpointMonitorStatus().azureName(),
                endpoint.consecutiveFailures(),
                probe(endpoint.lastProbe()));
    }

    private static ProfileReading.Probe probe(ProbeResult probe) {
        return probe == null
                ? null
                : new ProfileReading.Probe(
                        probe.time(), probe.success(), probe.statusCode(), probe.error(), probe.latency());
    }

    private static ProfileReading.StatusChange change(EndpointStatusChange change) {
        return new ProfileReading.StatusChange(
                change.time(),
                change.endpoint(),
                change.oldStatus().azureName(),
                change.newStatus().azureName(),
                change.reason());
    }
}
