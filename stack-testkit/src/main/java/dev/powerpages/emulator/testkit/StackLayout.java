package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The stack the kit starts, described once for all three runtimes: the five services in start order (the store,
 * the two app nodes, the traffic manager, the gateway), the port each listens on, and each one's settings as
 * Spring property names ({@code store.url}, {@code server.port}). The traffic manager's two targets are the
 * exception: its {@code application.yml} reads them through the placeholders {@code CONTOSO_PRIMARY_TARGET} and
 * {@code CONTOSO_SECONDARY_TARGET}, which are names to be matched as they are, not properties to be bound.
 *
 * <p>The runtimes differ only in where the services run and how the settings reach them: in-process as
 * {@code --name=value} arguments (the JVM's environment and system properties would reach all five services),
 * child processes and containers as environment variables ({@link Service#environment()}).
 *
 * @param storePublicUrl the store's URL as the app nodes name it: the audience of its tokens and the base of the scope
 * @param services the five services, in the order they are started (and stopped in reverse)
 * @param tlsDirectory this stack's own local CA directory on the host ({@code stack.tls.directory}; in containers it is
 * mounted at {@value #CONTAINER_TLS_DIRECTORY}): made by the first service that needs it, read by the test to trust
 * the stack's HTTPS ports
 * @param identityPort the port the store serves its identity endpoints on over TLS ({@code store.identity.tls.port};
 * in a container, inside the container)
 */
record StackLayout(String storePublicUrl, List<Service> services, Path tlsDirectory, int identityPort) {

    /** Where containers see the stack's CA directory (compose mounts {@code .stack/tls} there too). */
    static final String CONTAINER_TLS_DIRECTORY = "/tls";

    /** The store's identity port in a container, as in docker-compose.yml (both read the stack's wiring file). */
    private static final int CONTAINER_IDENTITY_PORT = StackWiring.bundled().port("STORE_TLS_PORT");

    /** Where the services on this machine log, and where the gateway keeps its per-stack settings files. */
    static final String LOGS_DIR_PROPERTY = "powerpages.stack.logs.dir";

    /** The compose file's choice: the host's name for the store, which the nodes ask tokens for (the audience). */
    private static final String COMPOSE_STORE_PUBLIC_URL =
            "http://" + StackWiring.bundled().value("STACK_HOST") + ":"
                    + StackWiring.bundled().port("STORE_PORT");

    private static final Map<String, StackService> ARTIFACTS = artifacts();

    /** The traffic manager's resource-manager connector (RESOURCE_MANAGER_PORT of the wiring file by default). */
    static final String ARM_PORT = "traffic-manager.arm.port";

    StackLayout {
        services = List.copyOf(services);
    }

    /**
     * The stack on this machine's loopback interface (in-process or child processes), each service on a free port,
     * wired to its peers by {@code localhost:<port>}. Several such stacks, and a running {@code ./stack}, must not
     * share anything: the traffic manager's DNS server gets a free UDP port and keeps its profiles in memory, and the
     * gateway keeps its CDN and WAF settings beside this stack's logs, so each stack starts with them as configured
     * (off), never with what an earlier stack switched on.
     */
    static StackLayout onLoopback(Path logDir) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ARTIFACTS.keySet().forEach(name -> ports.put(name, FreePorts.tcp()));
        Path gatewayState = logDir.resolve("gateway-" + ports.get(StackRuntime.GATEWAY));
        int identityPort = FreePorts.tcp();
        Path tls = temporaryTlsDirectory(logDir);
        return wire(
                        name -> "localhost",
                        ports::get,
                        "http://localhost:" + ports.get(StackRuntime.STORE),
                        tls,
                        identityPort,
                        tls.toString())
                .with(
                        StackRuntime.TRAFFIC_MANAGER,
                        Map.of(
                                "traffic-manager.dns.port",
                                "0",
                                "traffic-manager.data-dir",
                                "",
                                ARM_PORT,
                                Integer.toString(FreePorts.tcp())))
                .with(
                        StackRuntime.GATEWAY,
                        Map.of(
                                "gateway.cdn.settings-file",
                                        gatewayState
                                                .resolve("cdn-settings.json")
                                                .toString(),
                                "gateway.waf.policy-file",
                                        gatewayState.resolve("waf-policy.json").toString()));
    }

    /**
     * The stack in containers, wired as {@code docker-compose.yml} wires it: each service reached by its name on its
     * port in the stack's wiring file (the app nodes on 8081 and 8082, as compose publishes them), the store's public
     * URL the host's name for it. The ports differ because the kit's containers share one network namespace
     * ({@link ContainerStackRuntime}), where each name stands for the loopback address.
     */
    static StackLayout onDockerNetwork() {
        return wire(
                UnaryOperator.identity(),
                name -> name.equals(StackRuntime.WESTEUROPE)
                        ? StackWiring.bundled().port("WESTEUROPE_PORT")
                        : ARTIFACTS.get(name).defaultPort(),
                COMPOSE_STORE_PUBLIC_URL,
                temporaryTlsDirectory(logDir()),
                CONTAINER_IDENTITY_PORT,
                CONTAINER_TLS_DIRECTORY);
    }

    /** A new CA directory for one stack: its services share it, no other stack (nor {@code ./stack}) does. */
    private static Path temporaryTlsDirectory(Path logDir) {
        try {
            return Files.createTempDirectory(logDir.toAbsolutePath(), "tls-");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code -Dpowerpages.stack.logs.dir} (default {@code target/powerpages-stack-logs}), created if missing. */
    static Path logDir() {
        try {
            return Files.createDirectories(
                    Path.of(System.getProperty(LOGS_DIR_PROPERTY, "target/powerpages-stack-logs")));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** How the services find each other, whatever the network: only the host names and ports differ. */
    private static StackLayout wire(
            UnaryOperator<String> host,
            ToIntFunction<String> port,
            String storePublicUrl,
            Path tlsDirectory,
            int identityPort,
            String tlsDirectorySeenByServices) {
        UnaryOperator<String> address = name -> host.apply(name) + ":" + port.applyAsInt(name);
        String storeUrl = "http://" + address.apply(StackRuntime.STORE);
        List<Service> services = new ArrayList<>();
        services.add(service(
                StackRuntime.STORE,
                port,
                Map.of(
                        "store.in-memory",
                        "true",
                        "store.public-url",
                        storePublicUrl,
                        "store.identity.tls.port",
                        Integer.toString(identityPort))));
        for (String region : List.of(StackRuntime.NORTHEUROPE, StackRuntime.WESTEUROPE)) {
            services.add(service(
                    region,
                    port,
                    Map.of(
                            "node.region", region,
                            "store.url", storeUrl,
                            "store.scope", storePublicUrl + "/.default")));
        }
        // The resource-manager endpoint takes the store's tokens (its keys, its issuers) and drives this gateway.
        services.add(service(
                StackRuntime.TRAFFIC_MANAGER,
                port,
                Map.of(
                        "CONTOSO_PRIMARY_TARGET", address.apply(StackRuntime.NORTHEUROPE),
                        "CONTOSO_SECONDARY_TARGET", address.apply(StackRuntime.WESTEUROPE),
                        "traffic-manager.arm.identity.jwk-set-uri", storeUrl + "/contoso/discovery/v2.0/keys",
                        "traffic-manager.arm.identity.issuers[0]", storePublicUrl + "/contoso/",
                        "traffic-manager.arm.identity.issuers[1]", storePublicUrl + "/adfs/services/trust",
                        "traffic-manager.arm.gateway.url", "http://" + address.apply(StackRuntime.GATEWAY))));
        services.add(service(
                StackRuntime.GATEWAY,
                port,
                Map.of("gateway.traffic-manager.url", "http://" + address.apply(StackRuntime.TRAFFIC_MANAGER))));
        // Every service reads the one CA directory: whichever needs it first makes it (under a file lock).
        services.replaceAll(service -> service.with(Map.of("stack.tls.directory", tlsDirectorySeenByServices)));
        return new StackLayout(storePublicUrl, services, tlsDirectory, identityPort);
    }

    private static Service service(String name, ToIntFunction<String> port, Map<String, String> properties) {
        int listensOn = port.applyAsInt(name);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", Integer.toString(listensOn));
        all.putAll(properties);
        return new Service(name, ARTIFACTS.get(name), listensOn, all);
    }

    /**
     * The same layout with {@code count} app-node instances per region, as {@code ./stack up --instances N} runs
     * them: each region's service becomes its front (region-front, on the region's port, so the traffic manager
     * and the test's region handle keep their address), and the region's instances {@code <region>-1} …
     * {@code <region>-N} listen on free ports with the app node's settings, each naming itself in {@code X-PP-Node}.
     * Loopback layouts only: the compose file has no instances. One instance is the layout as it is.
     */
    StackLayout withInstances(int count) {
        if (count < 1 || count > 9) {
            throw new IllegalArgumentException("instances must be 1-9, as ./stack up --instances takes, not " + count);
        }
        if (count == 1) {
            return this;
        }
        List<Service> all = new ArrayList<>();
        for (Service service : services) {
            if (!isRegion(service.name())) {
                all.add(service);
                continue;
            }
            List<String> urls = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                int port = FreePorts.tcp();
                Map<String, String> settings = new LinkedHashMap<>(service.properties());
                settings.put("server.port", Integer.toString(port));
                settings.put("node.name", instanceName(service.name(), i));
                all.add(new Service(instanceName(service.name(), i), StackService.APP_NODE, port, settings));
                urls.add("http://localhost:" + port);
            }
            Map<String, String> front = new LinkedHashMap<>();
            front.put("server.port", Integer.toString(service.port()));
            front.put("front.region", service.name());
            front.put("front.instances", String.join(",", urls));
            front.put("stack.tls.directory", service.properties().get("stack.tls.directory"));
            all.add(new Service(service.name(), StackService.REGION_FRONT, service.port(), front));
        }
        return new StackLayout(storePublicUrl, all, tlsDirectory, identityPort);
    }

    /** The name of a region's n-th instance (from 1), also its {@code X-PP-Node}: {@code northeurope-2}. */
    static String instanceName(String region, int n) {
        return region + "-" + n;
    }

    private static boolean isRegion(String name) {
        return StackRuntime.NORTHEUROPE.equals(name) || StackRuntime.WESTEUROPE.equals(name);
    }

    /** The same layout with more settings for one service. */
    StackLayout with(String name, Map<String, String> more) {
        if (services.stream().noneMatch(service -> service.name().equals(name))) {
            throw new IllegalArgumentException("no service " + name + " in this stack");
        }
        return new StackLayout(
                storePublicUrl,
                services.stream()
                        .map(service -> service.name().equals(name) ? service.with(more) : service)
                        .toList(),
                tlsDirectory,
                identityPort);
    }

    /** The traffic manager's resource-manager endpoint (Azure Resource Manager's paths), as the host reaches it. */
    String resourceManagerUrl() {
        Service trafficManager = service(StackRuntime.TRAFFIC_MANAGER);
        String port = trafficManager
                .properties()
                .getOrDefault(ARM_PORT, Integer.toString(StackWiring.bundled().port("RESOURCE_MANAGER_PORT")));
        boolean tls = !"false".equals(trafficManager.properties().get("traffic-manager.arm.tls"));
        return (tls ? "https" : "http") + "://localhost:" + port + "/";
    }

    /** The service of that name. */
    Service service(String name) {
        return services.stream()
                .filter(service -> service.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in " + ARTIFACTS.keySet()));
    }

    /**
     * The environment variable Spring Boot binds to a property, by its relaxed-binding rule for environment
     * variables: dots become underscores, dashes go, list indexes become their own part ({@code my.list[0].name}
     * is {@code MY_LIST_0_NAME}), all upper case. A name already in that form (a placeholder such as
     * {@code CONTOSO_PRIMARY_TARGET}) stays as it is. Map keys in brackets have no environment-variable form; they
     * are refused rather than turned into a variable nothing would bind.
     */
    static String environmentVariable(String property) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean inBrackets = false;
        for (char c : property.toCharArray()) {
            if (c == '.' || c == '[' || c == ']') {
                if (inBrackets && !part.toString().chars().allMatch(Character::isDigit)) {
                    throw new IllegalArgumentException(
                            property + ": only list indexes ([0]) have an environment-variable form");
                }
                inBrackets = c == '[';
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                }
                part.setLength(0);
            } else if (c != '-') {
                part.append(c);
            }
        }
        if (inBrackets) {
            throw new IllegalArgumentException(property + ": unclosed [");
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("'" + property + "' is not a property name");
        }
        return String.join("_", parts).toUpperCase(Locale.ROOT);
    }

    private static Map<String, StackService> artifacts() {
        Map<String, StackService> artifacts = new LinkedHashMap<>();
        artifacts.put(StackRuntime.STORE, StackService.METADATA_STORE);
        artifacts.put(StackRuntime.NORTHEUROPE, StackService.APP_NODE);
        artifacts.put(StackRuntime.WESTEUROPE, StackService.APP_NODE);
        artifacts.put(StackRuntime.TRAFFIC_MANAGER, StackService.TRAFFIC_MANAGER);
        artifacts.put(StackRuntime.GATEWAY, StackService.GATEWAY);
        return Collections.unmodifiableMap(artifacts);
    }

    /**
     * One service of the stack.
     *
     * @param name its name in the stack ({@link StackRuntime#STORE}, …), also its log file's and network alias
     * @param artifact the application it runs
     * @param port the port it listens on (in a container: inside the container)
     * @param properties its settings, Spring property names to values, {@code server.port} among them
     */
    record Service(String name, StackService artifact, int port, Map<String, String> properties) {

        Service {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        String healthPath() {
            return artifact.healthPath();
        }

        Service with(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(properties);
            all.putAll(more);
            return new Service(name, artifact, port, all);
        }

        /**
         * The settings as environment variables, for a child process or a container. Environment variables rather
         * than {@code --name=value} arguments, although both would reach the application: they are how
         * {@code ./stack} and {@code docker-compose.yml} configure the services, so these modes start each service
         * the way a user does (each child has an environment of its own, unlike the in-process services). The names
         * follow from the properties by Spring Boot's rule ({@link #environmentVariable(String)}), so the layout
         * stays the one description of the settings. They are Boot's canonical form: {@code STORE_PUBLICURL} where
         * {@code ./stack} writes the older {@code STORE_PUBLIC_URL}; Boot binds both to {@code store.public-url},
         * and the canonical one first when both are set.
         */
        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            properties.forEach((property, value) -> {
                String variable = environmentVariable(property);
                String earlier = environment.put(variable, value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new IllegalStateException(name + ": two settings become " + variable);
                }
            });
            return environment;
        }
    }
}
