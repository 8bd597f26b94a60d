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
 * The five services as child JVMs on free loopback ports, wired to each other the way
 * {@code ./stack} wires them, with the metadata store in memory so every run starts from the seed.
 * Logs go to {@code -Dpowerpages.stack.logs.dir} (default {@code target/powerpages-stack-logs}).
 */
final class LocalProcessStackRuntime implements StackRuntime {

    static final String LOGS_DIR_PROPERTY = "powerpages.stack.logs.dir";

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String storePublicUrl;

    private LocalProcessStackRuntime(String storePublicUrl) {
        this.storePublicUrl = storePublicUrl;
    }

    static LocalProcessStackRuntime start(Duration startupTimeout) {
        Path logDir;
        try {
            logDir = Files.createDirectories(Path.of(System.getProperty(LOGS_DIR_PROPERTY, "target/powerpages-stack-logs")));
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

        LocalProcessStackRuntime stack = new LocalProcessStackRuntime(storeUrl);
        stack.add(new ServiceProcess(STORE, ServiceJars.locate(StackService.METADATA_STORE), storePort,
                StackService.METADATA_STORE.healthPath(), Map.of(
                        "STORE_IN_MEMORY", "true",
                        "STORE_PUBLIC_URL", storeUrl), logDir, startupTimeout));
        Path appNode = ServiceJars.locate(StackService.APP_NODE);
        for (var region : List.of(Map.entry(NORTHEUROPE, northPort), Map.entry(WESTEUROPE, westPort))) {
            stack.add(new ServiceProcess(region.getKey(), appNode, region.getValue(),
                    StackService.APP_NODE.healthPath(), Map.of(
                            "NODE_REGION", region.getKey(),
                            "STORE_URL", storeUrl,
                            "STORE_SCOPE", storeUrl + "/.default"), logDir, startupTimeout));
        }
        stack.add(new ServiceProcess(TRAFFIC_MANAGER, ServiceJars.locate(StackService.TRAFFIC_MANAGER), trafficManagerPort,
                StackService.TRAFFIC_MANAGER.healthPath(), Map.of(
                        "CONTOSO_PRIMARY_TARGET", "localhost:" + northPort,
                        "CONTOSO_SECONDARY_TARGET", "localhost:" + westPort,
                        // A free UDP port for its DNS server and profiles kept in memory: a test stack
                        // never collides with a running ./stack nor leaves files behind.
                        "TRAFFICMANAGER_DNS_PORT", "0",
                        "TRAFFICMANAGER_DATADIR", ""), logDir, startupTimeout));
        stack.add(new ServiceProcess(GATEWAY, ServiceJars.locate(StackService.GATEWAY), gatewayPort,
                StackService.GATEWAY.healthPath(), Map.of(
                        "GATEWAY_TRAFFIC_MANAGER_URL", "http://localhost:" + trafficManagerPort,
                        // Each stack starts with the CDN and WAF as configured (off), never with what an
                        // earlier stack switched on: their settings live beside this stack's logs.
                        "GATEWAY_CDN_SETTINGSFILE", logDir.resolve("gateway-" + gatewayPort + "/cdn-settings.json").toString(),
                        "GATEWAY_WAF_POLICYFILE", logDir.resolve("gateway-" + gatewayPort + "/waf-policy.json").toString()),
                        logDir, startupTimeout));

        try {
            // All at once: on two cores the JVMs' start-up overlaps well, and each waits for its peers by retrying.
            stack.services.values().forEach(ServiceProcess::start);
            stack.services.values().forEach(ServiceProcess::awaitHealthy);
        }
        catch (RuntimeException ex) {
            stack.close();
            throw ex;
        }
        return stack;
    }

    @Override
    public RunningService service(String name) {
        ServiceProcess service = services.get(name);
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
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
    }

    private void add(ServiceProcess service) {
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
