package dev.powerpages.emulator.testkit;

/** The five running services, however they run (in the test's JVM, child processes or containers). */
interface StackRuntime extends AutoCloseable {

    String STORE = "metadata-store";
    String NORTHEUROPE = "northeurope";
    String WESTEUROPE = "westeurope";
    String TRAFFIC_MANAGER = "traffic-manager";
    String GATEWAY = "gateway";

    /** One of the names above. */
    RunningService service(String name);

    /** The store's URL as the app nodes name it: the audience of its tokens and the base of the scope. */
    String storePublicUrl();

    /** The traffic manager's resource-manager endpoint, as the test reaches it (in-process and child processes). */
    default String resourceManagerUrl() {
        throw new UnsupportedOperationException("the resource-manager endpoint is reached on loopback stacks only "
                + "(in-process or child processes)");
    }

    /** Where the test reaches the store's identity endpoints over TLS: {@code https://localhost:<port>}. */
    java.net.URI identityAuthorityHost();

    /**
     * How long after the start each service's health path first answered 200, in that order, for the kit's start-up
     * line; empty where the runtime does not note it.
     */
    default java.util.Map<String, java.time.Duration> healthyAfter() {
        return java.util.Map.of();
    }

    /** What the kit's start-up line should say about how the services were started (start-up archives), or "". */
    default String startupNote() {
        return "";
    }

    /**
     * Called once the stack is ready (the site served, both regions Online): work that may follow the start but must
     * not slow it (the containers' start-up archives).
     */
    default void ready() {}

    /**
     * Keeps the services' whole logs where they outlive the stack, for a wait that failed: the folder they are in, or
     * empty where they are kept anyway (child processes' log files) or not kept apart (in-process services log to the
     * test's output).
     */
    default java.util.Optional<java.nio.file.Path> keepLogs() {
        return java.util.Optional.empty();
    }

    /** This stack's local CA directory on the host ({@code ca.pem}, {@code truststore.p12}, …). */
    java.nio.file.Path tlsDirectory();

    @Override
    void close();
}
