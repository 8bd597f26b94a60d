package dev.powerpages.emulator.testkit;

/**
 * The four service artifacts the kit runs, with the port each listens on inside a container (named in the stack's
 * wiring file, {@link StackWiring}) and its readiness path.
 */
enum StackService {
    METADATA_STORE("metadata-store", "STORE_PORT", "/actuator/health"),
    // The app nodes' own probe endpoint answers 200 only once the site has loaded from the store. Both app nodes run
    // this one artifact, each in a container of its own, so both listen on the primary region's port there.
    APP_NODE("app-node", "NORTHEUROPE_PORT", "/_services/health"),
    TRAFFIC_MANAGER("traffic-manager", "TRAFFIC_MANAGER_PORT", "/actuator/health"),
    GATEWAY("gateway", "GATEWAY_PORT", "/actuator/health");

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
