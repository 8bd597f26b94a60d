package dev.powerpages.emulator.stacktests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services on free loopback ports, wired to each other the way {@code ./stack} and
 * docker-compose wire them, with the metadata store in memory so every run starts from the seed.
 */
final class LocalStack implements AutoCloseable {

    static final String ADMIN_KEY = "emulator-admin-key";

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private LocalStack() {
    }

    static LocalStack start() throws IOException {
        Path root = Path.of(System.getProperty("stack.jars.dir", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("stack.version", "0.1.0-SNAPSHOT");
        Path logDir = Files.createDirectories(root.resolve("stack-tests/target/stack-logs"));

        int storePort = freePort();
        int northPort = freePort();
        int westPort = freePort();
        int trafficManagerPort = freePort();
        int gatewayPort = freePort();
        String storeUrl = "http://localhost:" + storePort;

        LocalStack stack = new LocalStack();
        stack.add(new ServiceProcess("metadata-store", jar(root, "metadata-store", version), storePort,
                "/actuator/health", Map.of(
                        "STORE_IN_MEMORY", "true",
                        "STORE_PUBLIC_URL", storeUrl), logDir));
        for (var region : List.of(Map.entry("northeurope", northPort), Map.entry("westeurope", westPort))) {
            stack.add(new ServiceProcess(region.getKey(), jar(root, "app-node", version), region.getValue(),
                    "/_services/health", Map.of(
                            "NODE_REGION", region.getKey(),
                            "STORE_URL", storeUrl,
                            "STORE_SCOPE", storeUrl + "/.default"), logDir));
        }
        stack.add(new ServiceProcess("traffic-manager", jar(root, "traffic-manager", version), trafficManagerPort,
                "/actuator/health", Map.of(
                        "CONTOSO_PRIMARY_TARGET", "localhost:" + northPort,
                        "CONTOSO_SECONDARY_TARGET", "localhost:" + westPort), logDir));
        stack.add(new ServiceProcess("gateway", jar(root, "gateway", version), gatewayPort,
                "/actuator/health", Map.of(
                        "GATEWAY_TRAFFIC_MANAGER_URL", "http://localhost:" + trafficManagerPort), logDir));

        try {
            for (ServiceProcess service : stack.services.values()) {
                service.start();
            }
            for (ServiceProcess service : stack.services.values()) {
                service.awaitHealthy(Duration.ofSeconds(180));
            }
        }
        catch (IOException | RuntimeException ex) {
            stack.close();
            throw ex;
        }
        return stack;
    }

    ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in " + services.keySet());
        }
        return service;
    }

    ServiceProcess gateway() {
        return service("gateway");
    }

    ServiceProcess trafficManager() {
        return service("traffic-manager");
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
    }

    private void add(ServiceProcess service) {
        services.put(service.name(), service);
    }

    private static Path jar(Path root, String module, String version) {
        return root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
