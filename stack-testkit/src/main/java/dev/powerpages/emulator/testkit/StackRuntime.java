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

    /** This stack's local CA directory on the host ({@code ca.pem}, {@code truststore.p12}, …). */
    java.nio.file.Path tlsDirectory();

    @Override
    void close();
}
