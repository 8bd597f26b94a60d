package dev.powerpages.emulator.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The five services in containers on a private Docker network, wired by network alias as
 * docker-compose wires them ({@link StackLayout#onDockerNetwork}), configured by environment
 * variables as compose configures them. Each container runs the JRE base image with the located
 * jar mounted read-only, so that a user's project, which has the jars but not the emulator's
 * source tree, runs them too. No image is built: building one per jar (a generated Dockerfile, as
 * before) sent each 40-70 MB jar to the daemon and committed a layer before its container could
 * start, 5-7 s of the kit's 24 s in CI (docs/benchmarks.md, "The test kit's containers"), and a
 * rebuilt jar could never reuse it. The kit already bind-mounts the stack's CA directory, so it
 * needs a daemon that sees the host's files either way.
 */
final class ContainerStackRuntime implements StackRuntime {

    /** The JRE the services run on: the image compose's images start from (docker/Dockerfile). */
    static final String BASE_IMAGE = "eclipse-temurin:17-jre";

    /** The base image's Java feature version, which decides the JVM options {@link ChildJvm} gives. */
    private static final int BASE_IMAGE_JAVA = 17;

    /** Where each container sees its service's jar. */
    static final String JAR_IN_CONTAINER = "/application.jar";

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

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
        ChildJvm jvm = ChildJvm.ofThisMachine();
        try {
            for (StackLayout.Service service : layout.services()) {
                Path jar = ServiceJars.locate(service.artifact());
                stack.add(service, jar, command(jvm, service.artifact(), jar), startupTimeout);
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

    /**
     * The container's command: {@code java} with the options {@code ./stack} and the kit's child processes give the
     * service ({@code .env}'s lists, Spring AOT's flag where the jar holds its generated code; {@link ChildJvm}), C1
     * only, as the child processes start without a start-up archive, then the mounted jar. The containers used to
     * run with three options of their own and without Spring AOT.
     */
    static List<String> command(ChildJvm jvm, StackService service, Path jar) {
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(jvm.options(service, jar, BASE_IMAGE_JAVA));
        if (!command.contains(C1_ONLY)) {
            command.add(C1_ONLY);
        }
        command.addAll(jvm.runtimeOptions(BASE_IMAGE_JAVA));
        command.addAll(List.of("-jar", JAR_IN_CONTAINER));
        return command;
    }

    private void add(StackLayout.Service service, Path jar, List<String> command, Duration startupTimeout) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(BASE_IMAGE))
                .withFileSystemBind(jar.toAbsolutePath().toString(), JAR_IN_CONTAINER, BindMode.READ_ONLY)
                .withCommand(command.toArray(String[]::new))
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
