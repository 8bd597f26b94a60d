package dev.powerpages.emulator.testkit;

/** The service artifacts the kit runs (the region front only with several instances per region), with the port each listens on inside a container and its readiness path. */
enum StackService {
    METADATA_STORE("metadata-store", 8070, "/actuator/health"),
    // The app nodes' own probe endpoint answers 200 only once the site has loaded from the store.
    APP_NODE("app-node", 8081, "/_services/health"),
    TRAFFIC_MANAGER("traffic-manager", 8090, "/actuator/health"),
    GATEWAY("gateway", 8080, "/actuator/health"),
    // The region's probe endpoint: 200 while any of the region's instances serves.
    REGION_FRONT("region-front", 8081, "/_services/health");

    static final String GROUP_ID = "dev.powerpages.emulator";

    private final String artifactId;
    private final int defaultPort;
    private final String healthPath;

    StackService(String artifactId, int defaultPort, String healthPath) {
        this.artifactId = artifactId;
        this.defaultPort = defaultPort;
        this.healthPath = healthPath;
    }

    String artifactId() {
        return artifactId;
    }

    int defaultPort() {
        return defaultPort;
    }

    String healthPath() {
        return healthPath;
    }
}
