package dev.powerpages.emulator.trafficmanager.profile;

import java.util.List;

/** A consistent snapshot of a profile and its endpoints. */
public record ProfileState(String name, ProfileDefinition definition, List<EndpointState> endpoints) {

    /**
     * Azure's profile monitor status ("Traffic Manager endpoint monitoring", Profile monitor status table):
     * Disabled when the profile is; Degraded when at least one endpoint is Degraded; Online when at least
     * one is Online (Unmonitored endpoints count as Online: they always serve); CheckingEndpoints when at
     * least one is still being checked; otherwise (all Disabled or Stopped, or none) Inactive.
     */
    public ProfileMonitorStatus profileMonitorStatus() {
        if (definition.profileStatus() == ProfileStatus.DISABLED) {
            return ProfileMonitorStatus.DISABLED;
        }
        if (anyEndpoint(EndpointMonitorStatus.DEGRADED)) {
            return ProfileMonitorStatus.DEGRADED;
        }
        if (anyEndpoint(EndpointMonitorStatus.ONLINE) || anyEndpoint(EndpointMonitorStatus.UNMONITORED)) {
            return ProfileMonitorStatus.ONLINE;
        }
        if (anyEndpoint(EndpointMonitorStatus.CHECKING_ENDPOINT)) {
            return ProfileMonitorStatus.CHECKING_ENDPOINTS;
        }
        return ProfileMonitorStatus.INACTIVE;
    }

    private boolean anyEndpoint(EndpointMonitorStatus status) {
        return endpoints.stream().anyMatch(endpoint -> endpoint.endpointMonitorStatus() == status);
    }
}
