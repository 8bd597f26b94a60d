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

    @Override
    void close();
}
