package dev.powerpages.emulator.testkit;

/**
 * The service artifacts the kit runs (the region front only with several instances per region), with the port each listens on inside a container (named in the stack's
 * wiring file, {@link StackWiring}) and its readiness path.
 */
enum StackService {
    METADATA_STORE("metadata-store", "STORE_PORT", "/actuator/health"),
    // The app nodes' own probe endpoint answers 200 only once the site has loaded from the store. Both app nodes run
    // this one artifact; in containers westeurope listens on WESTEUROPE_PORT (StackLayout.onDockerNetwork), since the
    // kit's containers share one network namespace.
    APP_NODE("app-node", "NORTHEUROPE_PORT", "/_services/health"),
    TRAFFIC_MANAGER("traffic-manager", "TRAFFIC_MANAGER_PORT", "/actuator/health"),
    GATEWAY("gateway", "GATEWAY_PORT", "/actuator/health"),
    // The region's probe endpoint: 200 while any of the region's instances serves. It stands at the region's address.
    REGION_FRONT("region-front", "NORTHEUROPE_PORT", "/_services/health");

    static final String GROUP_ID = "dev.powerpages.emulator";

    private final String artifactId;
    private final String portName;
    private final String healthPath;

    StackService(String artifactId, String portName, String healthPath) {
        this.artifactId = artifactId;
        this.portName = portName;
        this.healthPath = healthPath;
    }

    String artifactId() {
        return artifactId;
    }

    int defaultPort() {
        return StackWiring.bundled().port(portName);
    }

    String healthPath() {
        return healthPath;
    }
}
