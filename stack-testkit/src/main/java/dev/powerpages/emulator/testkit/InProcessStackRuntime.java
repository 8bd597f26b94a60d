package dev.powerpages.emulator.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The five services inside the test's JVM, each a Spring Boot application in a class loader of its own, on free
 * loopback ports: the {@link StackLayout#onLoopback loopback layout} {@link LocalProcessStackRuntime} starts too,
 * its settings given as command-line arguments, with the metadata store in memory. The app nodes' chaos
 * {@code crash} closes the node instead of halting the JVM ({@code node.chaos.crash-action=close-context}): here
 * the JVM is the test's.
 */
final class InProcessStackRuntime implements StackRuntime {

    private final Map<String, InProcessService> services = new LinkedHashMap<>();
    private final String storePublicUrl;

    private final StackLayout layout;
    private Map<String, Duration> healthyAfter = Map.of();

    private InProcessStackRuntime(StackLayout layout) {
        this.storePublicUrl = layout.storePublicUrl();
        this.layout = layout;
    }

    static InProcessStackRuntime start(Duration startupTimeout) {
        return start(startupTimeout, Map.of());
    }

    /** @param storeSettings more settings for the store (a site folder to serve) */
    static InProcessStackRuntime start(Duration startupTimeout, Map<String, String> storeSettings) {
        return start(startupTimeout, storeSettings, 1);
    }

    /**
     * @param storeSettings more settings for the store (a site folder to serve)
     * @param instances app-node instances per region ({@link StackLayout#withInstances})
     */
    static InProcessStackRuntime start(Duration startupTimeout, Map<String, String> storeSettings, int instances) {
        long startedAt = System.nanoTime();
        Path logDir = StackLayout.logDir();
        StackLayout layout =
                StackLayout.onLoopback(logDir).with(STORE, storeSettings).withInstances(instances);
        InProcessStackRuntime stack = new InProcessStackRuntime(layout);
        // Unpacked (or found unpacked) once per artifact: both app nodes run the same classes, each in its own loader.
        // The artifacts side by side, one thread each: each is a hash of its jar (and, the first time, an unpack).
        Map<StackService, CompletableFuture<BootJarClasspath>> classpaths = new EnumMap<>(StackService.class);
        for (StackLayout.Service service : layout.services()) {
            classpaths.computeIfAbsent(
                    service.artifact(),
                    artifact -> CompletableFuture.supplyAsync(
                            () -> BootJarClasspath.of(artifact),
                            task -> new Thread(task, "powerpages-unpack-" + artifact.artifactId()).start()));
        }
        for (StackLayout.Service service : layout.services()) {
            if (service.artifact() == StackService.APP_NODE) {
                // A halt would end the test's JVM, and the other four services with it.
                service = service.with(Map.of("node.chaos.crash-action", "close-context"));
            }
            stack.add(new InProcessService(
                    service, classpath(classpaths.get(service.artifact())), logDir, startupTimeout));
        }

        try {
            // All at once, as the child processes start: each service waits for its peers by retrying.
            stack.services.values().forEach(InProcessService::start);
            stack.healthyAfter = StackReadiness.awaitAllHealthy(List.copyOf(stack.services.values()), startedAt);
        } catch (RuntimeException ex) {
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

    private static BootJarClasspath classpath(CompletableFuture<BootJarClasspath> unpacking) {
        try {
            return unpacking.join();
        } catch (CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        }
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
        List<InProcessService> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        reversed.forEach(InProcessService::stop);
    }

    private void add(InProcessService service) {
        services.put(service.name(), service);
    }
}
