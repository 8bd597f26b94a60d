package dev.powerpages.emulator.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services as child JVMs on free loopback ports, wired to each other the way
 * {@code ./stack} wires them ({@link StackLayout#onLoopback}), with the metadata store in memory so every run
 * starts from the seed. Each child gets its settings as environment variables, as {@code ./stack} gives them
 * ({@link StackLayout.Service#environment()} says why).
 * Logs go to {@code -Dpowerpages.stack.logs.dir} (default {@code target/powerpages-stack-logs}).
 */
final class LocalProcessStackRuntime implements StackRuntime {

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String storePublicUrl;

    private final StackLayout layout;
    private Map<String, Duration> healthyAfter = Map.of();

    private LocalProcessStackRuntime(StackLayout layout) {
        this.storePublicUrl = layout.storePublicUrl();
        this.layout = layout;
    }

    static LocalProcessStackRuntime start(Duration startupTimeout) {
        return start(startupTimeout, Map.of());
    }

    /** @param storeSettings more settings for the store (a site folder to serve) */
    static LocalProcessStackRuntime start(Duration startupTimeout, Map<String, String> storeSettings) {
        return start(startupTimeout, storeSettings, 1);
    }

    /**
     * @param storeSettings more settings for the store (a site folder to serve)
     * @param instances app-node instances per region ({@link StackLayout#withInstances})
     */
    static LocalProcessStackRuntime start(Duration startupTimeout, Map<String, String> storeSettings, int instances) {
        long startedAt = System.nanoTime();
        Path logDir = StackLayout.logDir();
        StackLayout layout =
                StackLayout.onLoopback(logDir).with(STORE, storeSettings).withInstances(instances);
        LocalProcessStackRuntime stack = new LocalProcessStackRuntime(layout);
        Map<StackService, Path> jars = new EnumMap<>(StackService.class);
        ChildJvm childJvm = ChildJvm.ofThisMachine();
        for (StackLayout.Service service : layout.services()) {
            Path jar = jars.computeIfAbsent(service.artifact(), ServiceJars::locate);
            stack.add(new ServiceProcess(service, childJvm.command(service.artifact(), jar), logDir, startupTimeout));
        }

        try {
            // All at once: on two cores the JVMs' start-up overlaps well, and each waits for its peers by retrying.
            stack.services.values().forEach(ServiceProcess::start);
            stack.healthyAfter = StackReadiness.awaitAllHealthy(List.copyOf(stack.services.values()), startedAt);
        } catch (RuntimeException ex) {
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
    public String startupNote() {
        long archived = services.values().stream()
                .filter(ServiceProcess::fromStartupArchive)
                .count();
        return archived + " of " + services.size() + " from ./stack's start-up archives";
    }

    @Override
    public Map<String, Duration> healthyAfter() {
        return healthyAfter;
    }

    @Override
    public String storePublicUrl() {
        return storePublicUrl;
    }

    @Override
    public String resourceManagerUrl() {
        return layout.resourceManagerUrl();
    }

    @Override
    public java.net.URI identityAuthorityHost() {
        return java.net.URI.create("https://localhost:" + layout.identityPort());
    }

    @Override
    public java.nio.file.Path tlsDirectory() {
        return layout.tlsDirectory();
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
}
