package dev.powerpages.emulator.trafficmanager.profile;

/**
 * A consistent snapshot of one endpoint, as the API and routing see it.
 *
 * @param lastProbe the latest probe result, or null before the first one
 */
public record EndpointState(
        EndpointDefinition definition,
        EndpointStatus endpointStatus,
        EndpointMonitorStatus endpointMonitorStatus,
        int consecutiveFailures,
        ProbeResult lastProbe,
        String trafficUrl) {

    public String name() {
        return definition.name();
    }

    public int priority() {
        return definition.priority();
    }
}
