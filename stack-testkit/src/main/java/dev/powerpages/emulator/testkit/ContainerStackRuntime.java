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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The five services in containers on a private Docker network, wired by network alias as
 * docker-compose wires them ({@link StackLayout#onDockerNetwork}), configured by environment
 * variables as compose configures them. Images are built from the located jars with a generated
 * Dockerfile (rather than the modules' own Dockerfiles) so that a user's project, which has the
 * jars but not the emulator's source tree, can build them too; Docker's layer cache makes a
 * rebuild of an unchanged jar instant.
 */
final class ContainerStackRuntime implements StackRuntime {

    private static final String DOCKERFILE = """
            FROM eclipse-temurin:17-jre
            COPY application.jar /application.jar
            ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1"
            ENTRYPOINT ["java", "-jar", "/application.jar"]
            """;

    private final Network network = Network.newNetwork();
    private final Map<String, ServiceContainer> services = new LinkedHashMap<>();
    private final String storePublicUrl;

    private final StackLayout layout;

    private ContainerStackRuntime(StackLayout layout) {
        this.storePublicUrl = layout.storePublicUrl();
        this.layout = layout;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    static ContainerStackRuntime start(Duration startupTimeout) {
        StackLayout layout = StackLayout.onDockerNetwork();
        ContainerStackRuntime stack = new ContainerStackRuntime(layout);
        try {
            // One image per artifact, built once: both app nodes run the same one.
            Map<StackService, Future<String>> images = new EnumMap<>(StackService.class);
            for (StackLayout.Service service : layout.services()) {
                stack.add(
                        service,
                        images.computeIfAbsent(service.artifact(), ContainerStackRuntime::image),
                        startupTimeout);
            }
            // All at once, as the local mode does: each service retries its peers, and each container
            // is ready when its own health path answers 200 (the app nodes' only once the store has served the site).
            // One thread each: the common pool has a single worker on a two-core machine.
            ExecutorService starters = Executors.newFixedThreadPool(stack.services.size());
            try {
                CompletableFuture.allOf(stack.services.values().stream()
                                .map(service -> CompletableFuture.runAsync(service::start, starters))
                                .toArray(CompletableFuture[]::new))
                        .join();
            } finally {
                starters.shutdown();
            }
        } catch (CompletionException ex) {
            stack.close();
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        } catch (RuntimeException ex) {
            stack.close();
            throw ex;
        }
        return stack;
    }

    private static Future<String> image(StackService service) {
        Path jar = ServiceJars.locate(service);
        // Kept after the run (deleteOnExit false): the next run reuses the cached layers.
        return new ImageFromDockerfile("pp-emulator-testkit/" + service.artifactId(), false)
                .withFileFromPath("application.jar", jar)
                .withFileFromString("Dockerfile", DOCKERFILE);
    }

    private void add(StackLayout.Service service, Future<String> image, Duration startupTimeout) {
        GenericContainer<?> container = new GenericContainer<>(image)
                .withNetwork(network)
                .withNetworkAliases(service.name())
                .withExposedPorts(
                        service.name().equals(StackRuntime.STORE)
                                ? new Integer[] {service.port(), layout.identityPort()}
                                : new Integer[] {service.port()})
                // The stack's CA directory, as compose mounts .stack/tls: the services share one CA, the test trusts
                // it.
                .withFileSystemBind(layout.tlsDirectory().toString(), StackLayout.CONTAINER_TLS_DIRECTORY)
                .withEnv(service.environment())
                .waitingFor(Wait.forHttp(service.healthPath())
                        .forPort(service.port())
                        .forStatusCode(200)
                        .withStartupTimeout(startupTimeout));
        services.put(
                service.name(),
                new ServiceContainer(service.name(), container, service.port(), service.healthPath(), startupTimeout));
    }

    @Override
    public RunningService service(String name) {
        ServiceContainer service = services.get(name);
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
    public java.net.URI identityAuthorityHost() {
        return java.net.URI.create(
                "https://localhost:" + services.get(StackRuntime.STORE).mappedPort(layout.identityPort()));
    }

    @Override
    public java.nio.file.Path tlsDirectory() {
        return layout.tlsDirectory();
    }

    @Override
    public void close() {
        List<ServiceContainer> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        reversed.forEach(ServiceContainer::stop);
        network.close();
    }
}
