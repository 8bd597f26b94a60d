package dev.powerpages.emulator.trafficmanager.profile;

import java.util.List;

/** Builds profile snapshots for tests of routing and of the profile monitor status. */
final class ProfileStates {

    private ProfileStates() {}

    static EndpointState endpoint(String name, int priority, EndpointMonitorStatus status) {
        EndpointStatus endpointStatus =
                status == EndpointMonitorStatus.DISABLED ? EndpointStatus.DISABLED : EndpointStatus.ENABLED;
        AlwaysServe alwaysServe =
                status == EndpointMonitorStatus.UNMONITORED ? AlwaysServe.ENABLED : AlwaysServe.DISABLED;
        EndpointDefinition definition =
                new EndpointDefinition(name, null, name + ".example", endpointStatus, priority, name, alwaysServe);
        return new EndpointState(definition, endpointStatus, status, 0, null, "http://" + name + ".example");
    }

    static ProfileState profile(ProfileStatus profileStatus, EndpointState... endpoints) {
        ProfileDefinition definition = new ProfileDefinition(
                TrafficRoutingMethod.PRIORITY, profileStatus, new DnsConfig("contoso", 5), null, List.of(), null);
        return new ProfileState("contoso", definition, List.of(endpoints));
    }

    static ProfileState profile(EndpointState... endpoints) {
        return profile(ProfileStatus.ENABLED, endpoints);
    }
}
