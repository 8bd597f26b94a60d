package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services inside the test's JVM, each a Spring Boot application in a class loader of its own, on free
 * loopback ports, wired as {@link LocalProcessStackRuntime} wires the child processes (the same settings, given as
 * command-line arguments), with the metadata store in memory. The app nodes' chaos {@code crash} closes the node
 * instead of halting the JVM ({@code node.chaos.crash-action=close-context}): here the JVM is the test's.
 */
final class InProcessStackRuntime implements StackRuntime {

    private final Map<String, InProcessService> services = new LinkedHashMap<>();
    private final String storePublicUrl;

    private InProcessStackRuntime(String storePublicUrl) {
        this.storePublicUrl = storePublicUrl;
    }

    static InProcessStackRuntime start(Duration startupTimeout) {
        Path logDir;
        try {
            logDir = Files.createDirectories(Path.of(System.getProperty(LocalProcessStackRuntime.LOGS_DIR_PROPERTY,
                    "target/powerpages-stack-logs")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        int storePort = freePort();
        int northPort = freePort();
        int westPort = freePort();
        int trafficManagerPort = freePort();
        int gatewayPort = freePort();
        String storeUrl = "http://localhost:" + storePort;

        InProcessStackRuntime stack = new InProcessStackRuntime(storeUrl);
        stack.add(new InProcessService(STORE, BootJarClasspath.of(StackService.METADATA_STORE), storePort,
                StackService.METADATA_STORE.healthPath(), Map.of(
                        "store.in-memory", "true",
                        "store.public-url", storeUrl), logDir, startupTimeout));
        BootJarClasspath appNode = BootJarClasspath.of(StackService.APP_NODE);
        for (var region : List.of(Map.entry(NORTHEUROPE, northPort), Map.entry(WESTEUROPE, westPort))) {
            stack.add(new InProcessService(region.getKey(), appNode, region.getValue(),
                    StackService.APP_NODE.healthPath(), Map.of(
                            "node.region", region.getKey(),
                            "store.url", storeUrl,
                            "store.scope", storeUrl + "/.default",
                            // A halt would end the test's JVM, and the other four services with it.
                            "node.chaos.crash-action", "close-context"), logDir, startupTimeout));
        }
        stack.add(new InProcessService(TRAFFIC_MANAGER, BootJarClasspath.of(StackService.TRAFFIC_MANAGER), trafficManagerPort,
                StackService.TRAFFIC_MANAGER.healthPath(), Map.of(
                        "CONTOSO_PRIMARY_TARGET", "localhost:" + northPort,
                        "CONTOSO_SECONDARY_TARGET", "localhost:" + westPort,
                        // A free UDP port for its DNS server and profiles kept in memory, as in the local mode.
                        "traffic-manager.dns.port", "0",
                        "traffic-manager.data-dir", ""), logDir, startupTimeout));
        stack.add(new InProcessService(GATEWAY, BootJarClasspath.of(StackService.GATEWAY), gatewayPort,
                StackService.GATEWAY.healthPath(), Map.of(
                        "gateway.traffic-manager.url", "http://localhost:" + trafficManagerPort,
                        "gateway.cdn.settings-file", logDir.resolve("gateway-" + gatewayPort + "/cdn-settings.json").toString(),
                        "gateway.waf.policy-file", logDir.resolve("gateway-" + gatewayPort + "/waf-policy.json").toString()),
                logDir, startupTimeout));

        try {
            // All at once, as the child processes start: each service waits for its peers by retrying.
            stack.services.values().forEach(InProcessService::start);
            stack.services.values().forEach(InProcessService::awaitHealthy);
        }
        catch (RuntimeException ex) {
            stack.close();
            throw ex;
        }
        return stack;
    }

    @Override
    public RunningService service(String name) {
        InProcessService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in " + services.keySet());
        }
        return service;
    }

    @Override
    public String storePublicUrl() {
        return storePublicUrl;
    }

    @Override
    public void close() {
        List<InProcessService> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        reversed.forEach(InProcessService::stop);
    }

    private void add(InProcessService service) {
        services.put(service.name(), service);
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
