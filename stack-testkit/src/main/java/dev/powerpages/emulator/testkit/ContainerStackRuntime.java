package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rnorth.ducttape.ratelimits.RateLimiter;
import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The five services in containers that share one network namespace on a private Docker network ({@link ContainerPod}:
 * a holder container publishes their ports, each service reaches its peers by name, as docker-compose wires them,
 * {@link StackLayout#onDockerNetwork}), configured by environment variables as compose configures them. Each container runs the JRE base image with the located
 * jar unpacked on the host and mounted read-only, unpacked before the first stack that runs it, with its AppCDS archive
 * once one was made after a first stack was ready ({@link ContainerJar}), so that a user's project, which has the jars
 * but not the emulator's source tree, runs them too. No image is built: building one per jar (a generated Dockerfile, as
 * before) sent each 40-70 MB jar to the daemon and committed a layer before its container could
 * start, 5-7 s of the kit's 24 s in CI (docs/benchmarks.md, "The test kit's containers"), and a
 * rebuilt jar could never reuse it. The kit already bind-mounts the stack's CA directory, so it
 * needs a daemon that sees the host's files either way.
 */
final class ContainerStackRuntime implements StackRuntime {

    /**
     * The JRE the services run on: the Java 17 image that every machine running the kit has (this project's target;
     * on a machine without a registry, the stand-in ../shared/tools/offline-docker.sh builds). Compose's images start
     * from a Java 25 base where one exists (docker/Dockerfile, STACK_JAVA_IMAGE).
     */
    static final String BASE_IMAGE = "eclipse-temurin:17-jre";

    /** The base image's Java feature version, which decides the JVM options {@link ChildJvm} gives. */
    private static final int BASE_IMAGE_JAVA = 17;

    /** Where each container sees its service's jar. */
    static final String JAR_IN_CONTAINER = "/application.jar";

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    /**
     * How often a container's health path is asked while it starts: ten times a second, as the other modes poll
     * ({@link StackReadiness#POLL}); Testcontainers' default of once a second added up to a second after the last
     * service (the store, the app nodes once it has served them) was healthy. One loopback request each.
     */
    private static final RateLimiter HEALTH_POLL = RateLimiterBuilder.newBuilder()
            .withRate(10, TimeUnit.SECONDS)
            .withConstantThroughput()
            .build();

    private final Network network = Network.newNetwork();

    /** The namespace the five containers share ({@link ContainerPod}); set once its holder runs. */
    private volatile ContainerPod pod;

    /**
     * For the ready line, after the kit's start: the jars unpacked, the pod's holder running, each service's container
     * running (Docker has started it; its JVM begins), so that a slow start tells the kit's and Docker's part from the
     * JVMs'.
     */
    private volatile Duration unpackedAfter;

    private volatile Duration holderAfter;

    /** The kit's start on the wall clock, which Docker's times are on. */
    private final Instant wallAtStart = Instant.now();

    private final Map<String, Duration> runningAfter = new ConcurrentHashMap<>();

    private final Map<String, ServiceContainer> services = new LinkedHashMap<>();
    private final Map<String, Duration> healthyAfter = new ConcurrentHashMap<>();
    private final Set<String> archived = ConcurrentHashMap.newKeySet();
    private final List<Training> toTrain = new CopyOnWriteArrayList<>();
    private final String storePublicUrl;

    private final StackLayout layout;

    /** Each container's CPU group and weight, decided once per stack from the daemon's {@code docker info}. */
    private final ContainerCpu cpu;

    private ContainerStackRuntime(StackLayout layout, ContainerCpu cpu) {
        this.storePublicUrl = layout.storePublicUrl();
        this.layout = layout;
        this.cpu = cpu;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    static ContainerStackRuntime start(Duration startupTimeout) {
        long startedAt = System.nanoTime();
        StackLayout layout = StackLayout.onDockerNetwork();
        ContainerStackRuntime stack = new ContainerStackRuntime(layout, ContainerCpu.ofThisDaemon());
        ChildJvm jvm = ChildJvm.ofThisMachine();
        // One thread each: the common pool has a single worker on a two-core machine.
        ExecutorService starters =
                Executors.newFixedThreadPool(layout.services().size());
        try {
            // Each jar runs unpacked from its cache folder (with its archive, once one was made): a jar seen for the
            // first time is unpacked here, each on a thread of its own, before the containers start. Unpacked in the
            // test's JVM it costs a copy of the jar (BootJarExtract); it saves each JVM's start Spring Boot's
            // nested-jar launcher (the store's start to its context: 10.6 against 12.9 CPU-s, medians of 3-4). A jar
            // that cannot be unpacked runs as it is.
            // Meanwhile Docker creates the network and starts the pod's holder, which publishes the services' ports.
            List<Integer> ports = new ArrayList<>();
            layout.services().forEach(service -> ports.add(service.port()));
            ports.add(layout.identityPort());
            CompletableFuture<ContainerPod> pod = CompletableFuture.supplyAsync(
                    () -> {
                        ContainerPod started = ContainerPod.start(
                                BASE_IMAGE,
                                stack.network,
                                layout.services().stream()
                                        .map(StackLayout.Service::name)
                                        .toList(),
                                ports);
                        try {
                            stack.holderAfter = maxOfZero(Duration.between(stack.wallAtStart, started.startedAt()));
                        } catch (RuntimeException ex) {
                            // Only the ready line's figure is lost.
                        }
                        return started;
                    },
                    starters);
            Map<StackService, CompletableFuture<Optional<ContainerJar>>> unpacking = new LinkedHashMap<>();
            Map<StackService, Path> jars = new LinkedHashMap<>();
            for (StackLayout.Service service : layout.services()) {
                jars.computeIfAbsent(service.artifact(), ServiceJars::locate);
                unpacking.computeIfAbsent(
                        service.artifact(),
                        artifact -> CompletableFuture.supplyAsync(
                                () -> ContainerJar.unpacked(artifact, jars.get(artifact)), starters));
            }
            CompletableFuture.allOf(unpacking.values().toArray(CompletableFuture[]::new))
                    .thenRun(() -> stack.unpackedAfter = since(startedAt));
            stack.pod = pod.join();
            for (StackLayout.Service service : layout.services()) {
                stack.add(
                        service,
                        jars.get(service.artifact()),
                        unpacking.get(service.artifact()).join(),
                        jvm,
                        startupTimeout,
                        startedAt);
            }
            // All at once, as the local mode does: each service retries its peers, and each container
            // is ready when its own health path answers 200 (the app nodes' only once the store has served the site).
            CompletableFuture.allOf(stack.services.values().stream()
                            .map(service -> CompletableFuture.runAsync(service::start, starters))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException ex) {
            stack.close();
            throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
        } catch (RuntimeException ex) {
            stack.close();
            throw ex;
        } finally {
            starters.shutdown();
        }
        return stack;
    }

    /**
     * The container's command: {@code java} with the options {@code ./stack} and the kit's child processes give the
     * service ({@code .env}'s lists, Spring AOT's flag where the jar holds its generated code; {@link ChildJvm}), C1
     * only (as the child processes start without {@code ./stack}'s archives; the containers' AppCDS archive keeps
     * classes, not compiled code), then the mounted jar as it is.
     */
    static List<String> command(ChildJvm jvm, StackService service, Path jar) {
        return command(jvm, service, jar, Optional.empty());
    }

    /**
     * The same, from the unpacked jar where there is one ({@link ContainerJar}), with its AppCDS archive where one was
     * made for these options.
     */
    static List<String> command(ChildJvm jvm, StackService service, Path jar, Optional<ContainerJar> unpacked) {
        List<String> options = options(jvm, service, jar);
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(options);
        unpacked.filter(cached -> !"false".equals(System.getProperty(ChildJvm.ARCHIVES_PROPERTY)))
                .flatMap(cached -> cached.archiveInContainer(options))
                .ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        command.addAll(jvm.runtimeOptions(BASE_IMAGE_JAVA));
        command.addAll(
                List.of("-jar", unpacked.map(ContainerJar::jarInContainer).orElse(JAR_IN_CONTAINER)));
        return command;
    }

    /** The JVM options of the service's start, and of its archive's training run (which must match them). */
    static List<String> options(ChildJvm jvm, StackService service, Path jar) {
        List<String> options = new ArrayList<>(jvm.options(service, jar, BASE_IMAGE_JAVA));
        if (!options.contains(C1_ONLY)) {
            options.add(C1_ONLY);
        }
        return options;
    }

    private void add(
            StackLayout.Service service,
            Path jar,
            Optional<ContainerJar> unpacked,
            ChildJvm jvm,
            Duration startupTimeout,
            long startedAt) {
        List<String> options = options(jvm, service.artifact(), jar);
        List<String> command = command(jvm, service.artifact(), jar, unpacked);
        // Docker's own start time (Testcontainers sees the container running up to seconds later, at load).
        Consumer<Instant> running = dockerStarted ->
                runningAfter.putIfAbsent(service.name(), maxOfZero(Duration.between(wallAtStart, dockerStarted)));
        GenericContainer<?> container = service.name().equals(StackRuntime.STORE)
                ? pod.member(BASE_IMAGE, running, service.port(), layout.identityPort())
                : pod.member(BASE_IMAGE, running, service.port());
        if (unpacked.isPresent()) {
            container.withFileSystemBind(
                    unpacked.get().folder().toString(), ContainerJar.IN_CONTAINER, BindMode.READ_ONLY);
            if (command.stream().anyMatch(word -> word.startsWith("-XX:SharedArchiveFile="))) {
                archived.add(service.name());
            }
        } else {
            container.withFileSystemBind(jar.toAbsolutePath().toString(), JAR_IN_CONTAINER, BindMode.READ_ONLY);
        }
        if (!archived.contains(service.name())
                && !"false".equals(System.getProperty(ChildJvm.ARCHIVES_PROPERTY))
                && unpacked.map(cached -> cached.needsTraining(options)).orElse(true)
                // One run per jar and option list: both regions' app nodes run the same jar.
                && toTrain.stream().noneMatch(training -> training.artifact() == service.artifact())) {
            toTrain.add(new Training(service.artifact(), jar, options, service.environment()));
        }
        HttpWaitStrategy health =
                Wait.forHttp(service.healthPath()).forPort(service.port()).forStatusCode(200);
        health.withRateLimiter(HEALTH_POLL);
        withCpu(container, cpu, service.name())
                .withCommand(command.toArray(String[]::new))
                // The stack's CA directory, as compose mounts .stack/tls: the services share one CA, the test trusts
                // it.
                .withFileSystemBind(layout.tlsDirectory().toString(), StackLayout.CONTAINER_TLS_DIRECTORY)
                .withEnv(service.environment())
                .waitingFor(health.withStartupTimeout(startupTimeout));
        services.put(
                service.name(),
                new ServiceContainer(
                        service.name(),
                        container,
                        service.port(),
                        service.healthPath(),
                        startupTimeout,
                        () -> healthyAfter.put(service.name(), Duration.ofNanos(System.nanoTime() - startedAt))));
    }

    /** The container created in its CPU group with its weight ({@link ContainerCpu}). */
    static GenericContainer<?> withCpu(GenericContainer<?> container, ContainerCpu cpu, String service) {
        return container.withCreateContainerCmdModifier(
                create -> create.withHostConfig(cpu.applyTo(create.getHostConfig(), service)));
    }

    /**
     * Once the stack is ready: the archives still missing are recorded, one training run per jar and option list
     * ({@link ContainerJar#train}), for the next stack or test run. Not before: on two cores a recording beside the
     * five starts would slow the very start it is meant to shorten.
     */
    @Override
    public void ready() {
        if ("false".equals(System.getProperty(ChildJvm.ARCHIVES_PROPERTY)) || toTrain.isEmpty()) {
            return;
        }
        List<Training> trainings = List.copyOf(toTrain);
        toTrain.clear();
        // Off the test's thread: unpacking a jar seen for the first time takes a JVM start of its own.
        Thread preparing = new Thread(
                () -> {
                    try {
                        Path tls =
                                Files.createTempDirectory(StackLayout.logDir().toAbsolutePath(), "training-tls-");
                        var docker = DockerClientFactory.instance().client();
                        for (Training training : trainings) {
                            ContainerJar.unpacked(training.artifact(), training.jar())
                                    .filter(unpacked -> unpacked.needsTraining(training.options()))
                                    .ifPresent(unpacked -> unpacked.train(
                                            docker, BASE_IMAGE, training.options(), training.environment(), tls, cpu));
                        }
                    } catch (IOException | RuntimeException ex) {
                        // Only the archives are lost: the next stack tries once more.
                    }
                },
                "powerpages-stack-startup-archives");
        preparing.setDaemon(true);
        preparing.start();
    }

    @Override
    public Map<String, Duration> healthyAfter() {
        Map<String, Duration> inOrder = new LinkedHashMap<>();
        services.keySet().forEach(name -> {
            Duration after = healthyAfter.get(name);
            if (after != null) {
                inOrder.put(name, after);
            }
        });
        return inOrder;
    }

    /**
     * Each container's whole log into a new folder under the stack's log directory: a container's log is removed
     * with the container when the stack closes, so a failed wait's evidence would otherwise go with it.
     */
    @Override
    public Optional<Path> keepLogs() {
        try {
            Path folder = Files.createTempDirectory(StackLayout.logDir().toAbsolutePath(), "containers-");
            for (ServiceContainer service : services.values()) {
                Files.writeString(folder.resolve(service.name() + ".log"), service.log());
            }
            return Optional.of(folder);
        } catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static Duration maxOfZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static Duration since(long startedAt) {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /**
     * The kit's and Docker's part of a start, for the ready line: "jars unpacked at 1.4 s, network holder running at
     * 2.6 s, service containers running at 3.6-4.2 s" (after the kit's start; a part not reached is left out).
     */
    static String dockerNote(Duration unpacked, Duration holder, Collection<Duration> running) {
        List<String> parts = new ArrayList<>();
        if (unpacked != null) {
            parts.add("jars unpacked at " + seconds(unpacked));
        }
        if (holder != null) {
            parts.add("network holder running at " + seconds(holder));
        }
        if (!running.isEmpty()) {
            Duration first = Collections.min(running);
            Duration last = Collections.max(running);
            parts.add("service containers running at "
                    + (first.equals(last) ? seconds(first) : seconds(first).replace(" s", "") + "-" + seconds(last)));
        }
        return String.join(", ", parts);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
    }

    @Override
    public String startupNote() {
        String docker = dockerNote(unpackedAfter, holderAfter, runningAfter.values());
        return (docker.isEmpty() ? "" : docker + "; ")
                + archived.size() + " of " + services.size() + " from an AppCDS archive"
                + (toTrain.isEmpty() ? "" : ", " + toTrain.size() + " to be made once ready")
                + (cpu.note().isEmpty() ? "" : "; " + cpu.note());
    }

    /** A training run to start once the stack is ready. */
    private record Training(StackService artifact, Path jar, List<String> options, Map<String, String> environment) {}

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
        if (pod != null) {
            pod.close();
        }
        network.close();
    }
}
