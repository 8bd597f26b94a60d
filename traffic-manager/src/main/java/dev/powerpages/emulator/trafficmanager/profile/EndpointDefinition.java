package dev.powerpages.emulator.trafficmanager.profile;

/**
 * One endpoint of a profile, with the properties of an ARM
 * {@code trafficManagerProfiles/externalEndpoints} resource.
 * <p>
 * EMULATOR EXTENSION: in Azure an external endpoint's {@code target} is a host name and the probe
 * uses {@code monitorConfig.port}. On a laptop both app nodes share one host, so here a target may
 * carry a port ({@code localhost:8081}); the probe and the resolve answer then use that port.
 *
 * @param type only {@code externalEndpoints} is emulated
 * @param priority 1 (highest) to 1000; when absent Azure numbers endpoints in declaration order
 * @param alwaysServe {@code Enabled}: never probed, always treated as healthy ({@code Unmonitored})
 */
public record EndpointDefinition(
        String name,
        String type,
        String target,
        EndpointStatus endpointStatus,
        Integer priority,
        String endpointLocation,
        AlwaysServe alwaysServe) {

    public static final String EXTERNAL_ENDPOINTS = "externalEndpoints";

    public EndpointDefinition {
        type = type == null ? EXTERNAL_ENDPOINTS : type;
        endpointStatus = endpointStatus == null ? EndpointStatus.ENABLED : endpointStatus;
        alwaysServe = alwaysServe == null ? AlwaysServe.DISABLED : alwaysServe;
    }

    EndpointDefinition withPriority(int newPriority) {
        return new EndpointDefinition(name, type, target, endpointStatus, newPriority, endpointLocation, alwaysServe);
    }
}
