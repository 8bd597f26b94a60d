package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole emulated stack, running: the site (through the gateway), each region's app node, the
 * traffic manager and the metadata store, and waits for the routing to change. Get one injected
 * with {@link PowerPagesStackTest}, or start one yourself with {@link #start(StackMode)} and close it.
 */
public final class PowerPagesStack implements AutoCloseable {

    private final StackMode mode;
    private final StackRuntime runtime;
    private final Site site;
    private final Map<String, AppNode> regions;
    private final TrafficManager trafficManager;
    private final MetadataStore store;
    private final EntraId identity;
    private final Duration startupTimeout;
    private volatile StackTimeouts timeouts;
    private final Path siteFolder;
    private final Thread shutdownHook;

    private PowerPagesStack(
            StackMode mode, StackRuntime runtime, Duration startupTimeout, Path siteFolder, int instances) {
        this.mode = mode;
        this.siteFolder = siteFolder;
        this.runtime = runtime;
        this.startupTimeout = startupTimeout;
        this.site = new Site(runtime.service(StackRuntime.GATEWAY));
        this.regions = Map.of(
                StackRuntime.NORTHEUROPE, region(runtime, StackRuntime.NORTHEUROPE, instances),
                StackRuntime.WESTEUROPE, region(runtime, StackRuntime.WESTEUROPE, instances));
        this.trafficManager =
                new TrafficManager(runtime.service(StackRuntime.TRAFFIC_MANAGER), runtime::resourceManagerUrl);
        this.store = new MetadataStore(runtime.service(StackRuntime.STORE), runtime.storePublicUrl());
        this.identity = new EntraId(runtime.identityAuthorityHost(), runtime.tlsDirectory());
        // Child JVMs outlive their parent and, without Ryuk, containers outlive the test JVM: stop
        // them if the JVM exits before close() (a failsafe timeout, Ctrl-C in the IDE). In-process
        // services die with the JVM, but closing them lets them release their ports and files first.
        this.shutdownHook = new Thread(runtime::close, "powerpages-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A region's handle, with a handle per instance when the region runs more than one. */
    private static AppNode region(StackRuntime runtime, String region, int instances) {
        List<AppNode> each = new ArrayList<>();
        if (instances > 1) {
            for (int n = 1; n <= instances; n++) {
                each.add(new AppNode(region, runtime.service(StackLayout.instanceName(region, n))));
            }
        }
        return new AppNode(region, runtime.service(region), each);
    }

    /** Starts the five services in the mode given (or the {@code -Dpowerpages.stack.mode} one) and waits until all are healthy. */
    public static PowerPagesStack start(StackMode mode) {
        return start(mode, null);
    }

    /**
     * Starts the stack as {@link #start(StackMode, Path)} does, with {@code instances} app-node instances per region
     * (1-9), as {@code ./stack up --instances N} runs them: each region's address is then its front, which spreads
     * traffic over the region's healthy instances and fails the region's probe only when none can serve
     * ({@link AppNode#instance(int)}). In-process and child-process stacks only.
     */
    public static PowerPagesStack start(StackMode mode, Path siteFolder, int instances) {
        if (instances < 1 || instances > 9) {
            throw new IllegalArgumentException("instances per region must be 1-9, not " + instances);
        }
        return launch(mode, siteFolder, instances);
    }

    /**
     * Starts the stack with the store serving a copy of {@code siteFolder} (a folder written by {@code pac pages
     * download}) in place of the demo site, as {@code ./stack up --site} does; {@code null}: the demo site. The copy is
     * {@link #siteFolder()}: edit it and the store follows. In-process and child-process stacks only.
     */
    public static PowerPagesStack start(StackMode mode, Path siteFolder) {
        return launch(mode, siteFolder, 1);
    }

    private static PowerPagesStack launch(StackMode mode, Path siteFolder, int instances) {
        StackMode resolved = mode.resolve();
        Duration startup = StackTimeouts.startupFromProperties();
        long startedAt = System.nanoTime();
        Path served = siteFolder == null ? null : copyOf(siteFolder);
        Map<String, String> storeSettings =
                served == null ? Map.of() : Map.of("store.site.directory", served.toString());
        StackRuntime runtime = switch (resolved) {
            case CONTAINERS -> {
                if (served != null) {
                    throw new UnsupportedOperationException("a site folder is served by in-process and child-process "
                            + "stacks only (for containers, docker compose's SITE_DIR)");
                }
                if (instances > 1) {
                    throw new UnsupportedOperationException("several instances per region run in in-process and "
                            + "child-process stacks only (docker-compose.yml has one app node per region)");
                }
                yield ContainerStackRuntime.start(startup);
            }
            case IN_PROCESS -> InProcessStackRuntime.start(startup, storeSettings, instances);
            default -> LocalProcessStackRuntime.start(startup, storeSettings, instances);
        };
        long healthyAt = System.nanoTime();
        PowerPagesStack stack = new PowerPagesStack(resolved, runtime, startup, served, instances);
        long servedAt;
        try {
            // Ready means what a visitor notices: the home page through the whole chain, from the primary.
            stack.awaitServedBy(StackRuntime.NORTHEUROPE, startup);
            servedAt = System.nanoTime();
            // ... and a secondary to fail over to: the traffic manager's first probes may have caught
            // westeurope still starting (503) and marked it Degraded; a test that breaks the primary
            // before westeurope is Online again would see Azure's all-degraded answer (the primary).
            stack.awaitEndpointStatus(StackRuntime.NORTHEUROPE, "Online", startup);
            stack.awaitEndpointStatus(StackRuntime.WESTEUROPE, "Online", startup);
        } catch (AssertionError | RuntimeException ex) {
            // A wait's failure says what the stack showed, the logs' tails among it; anything else gets the gateway's.
            String message = ex instanceof AssertionError
                    ? ex.getMessage()
                    : ex.getMessage() + "\ngateway log:\n"
                            + runtime.service(StackRuntime.GATEWAY).logTail();
            stack.close();
            throw new IllegalStateException("the stack started but does not serve the site: " + message, ex);
        }
        System.out.println(readyLine(resolved, runtime, startedAt, healthyAt, servedAt));
        runtime.ready();
        return stack;
    }

    /**
     * The kit's one line per stack start: how long until ready (the site served by the primary, both regions
     * Online), and where that time went, so that a slow start can be told apart from a slow test.
     */
    private static String readyLine(
            StackMode mode, StackRuntime runtime, long startedAt, long healthyAt, long servedAt) {
        long readyAt = System.nanoTime();
        Map<String, Duration> healthyAfter = runtime.healthyAfter();
        StringBuilder line = new StringBuilder("[powerpages-stack] ")
                .append(mode)
                .append(": ready ")
                .append(seconds(readyAt - startedAt))
                .append(" after the start (");
        if (!healthyAfter.isEmpty()) {
            line.append("healthy: ");
            healthyAfter.forEach((name, after) -> line.append(name)
                    .append(' ')
                    .append(seconds(after.toNanos()))
                    .append(", "));
        }
        return line.append("all healthy at ")
                .append(seconds(healthyAt - startedAt))
                .append(", site served by northeurope at ")
                .append(seconds(servedAt - startedAt))
                .append(", both regions Online at ")
                .append(seconds(readyAt - startedAt))
                .append(runtime.startupNote().isEmpty() ? "" : "; " + runtime.startupNote())
                .append(')')
                .toString();
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Starts the stack in the default mode (in-process unless {@code -Dpowerpages.stack.mode} says otherwise). */
    public static PowerPagesStack start() {
        return start(StackMode.DEFAULT);
    }

    /** The copy of the site folder the store serves and follows (edit it to change the site), or null: the demo site. */
    public Path siteFolder() {
        return siteFolder;
    }

    /** A copy under the stack's log directory, so that the test's edits never touch the original. */
    private static Path copyOf(Path folder) {
        Path source = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("no site folder at " + source);
        }
        try {
            Path target = Files.createTempDirectory(StackLayout.logDir().toAbsolutePath(), "site-");
            try (var files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return target;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public StackMode mode() {
        return mode;
    }

    /** The website through the gateway, as visitors reach it. */
    public Site site() {
        return site;
    }

    /** The app node of a region: {@code northeurope} or {@code westeurope}. */
    public AppNode region(String name) {
        AppNode node = regions.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no region " + name + "; the stack has " + regions.keySet());
        }
        return node;
    }

    /** The primary region's node ({@code northeurope}, priority 1 in the profile). */
    public AppNode primary() {
        return region(StackRuntime.NORTHEUROPE);
    }

    /** The secondary region's node ({@code westeurope}, priority 2). */
    public AppNode secondary() {
        return region(StackRuntime.WESTEUROPE);
    }

    public TrafficManager trafficManager() {
        return trafficManager;
    }

    public MetadataStore store() {
        return store;
    }

    /** The store's identity endpoints over TLS (MSAL, the Azure SDK, az) and this stack's CA. */
    public EntraId identity() {
        return identity;
    }

    /** The waits' limits, derived once from the traffic manager profile's settings. */
    public StackTimeouts timeouts() {
        StackTimeouts current = timeouts;
        if (current == null) {
            current = new StackTimeouts(
                    startupTimeout,
                    trafficManager.failoverBound(),
                    trafficManager.failbackBound(),
                    StackTimeouts.slackFromProperties());
            timeouts = current;
        }
        return current;
    }

    /**
     * Waits until the site's home page is served (200) by {@code region}, for at most the profile's
     * failover bound plus the slack, and returns that response.
     */
    public HttpResult awaitServedBy(String region) {
        return awaitServedBy(region, timeouts().routingChange());
    }

    /**
     * The home page is served: a 200, or the redirect of a multilingual site whose URLs carry the language code
     * ({@code /} → {@code /en-US/}), which the app node answers only once it serves the site.
     */
    private static boolean served(HttpResult result) {
        return result.status() == 200
                || ((result.status() == 301 || result.status() == 302)
                        && result.header("Location")
                                .filter(to -> to.startsWith("/"))
                                .isPresent());
    }

    public HttpResult awaitServedBy(String region, Duration atMost) {
        AtomicReference<Object> last = new AtomicReference<>();
        AnswerTimeline timeline = new AnswerTimeline(Instant.now());
        try {
            return Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                Instant sent = Instant.now();
                                try {
                                    HttpResult result = site.get("/");
                                    last.set(result);
                                    timeline.record(sent, Instant.now(), result);
                                    return result;
                                } catch (RuntimeException ex) {
                                    last.set(ex.getMessage());
                                    timeline.record(sent, Instant.now(), ex.getMessage());
                                    return null;
                                }
                            },
                            result -> result != null
                                    && served(result)
                                    && region.equals(result.region().orElse(null)));
        } catch (ConditionTimeoutException ex) {
            throw new AssertionError(
                    "the site was not served by " + region + " within " + atMost + "; last answer: " + last.get() + "\n"
                            + timeline + "\n" + whatTheStackShows(),
                    ex);
        }
    }

    /**
     * Waits until the traffic manager shows {@code endpoint} with {@code endpointMonitorStatus}
     * {@code status} (e.g. {@code Degraded}), for at most the failover bound plus the slack.
     */
    public void awaitEndpointStatus(String endpoint, String status) {
        awaitEndpointStatus(endpoint, status, timeouts().routingChange());
    }

    public void awaitEndpointStatus(String endpoint, String status, Duration atMost) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        last.set(trafficManager.endpointStatus(endpoint));
                        return Objects.equals(status, last.get());
                    });
        } catch (ConditionTimeoutException ex) {
            throw new AssertionError(
                    "endpoint " + endpoint + " was not " + status + " within " + atMost + "; last status: " + last.get()
                            + "\n" + whatTheStackShows(),
                    ex);
        }
    }

    /**
     * For a wait's failure message: each link of the routing as the traffic manager and the gateway show it now
     * ({@link RoutingSnapshot}), where the services' whole logs were kept (containers' logs go with the containers),
     * and the last lines of the traffic manager's and the gateway's logs.
     */
    private String whatTheStackShows() {
        StringBuilder text =
                new StringBuilder(RoutingSnapshot.of(trafficManager, runtime.service(StackRuntime.GATEWAY)));
        runtime.keepLogs()
                .ifPresent(
                        folder -> text.append("\nevery service's log kept in ").append(folder));
        for (String name : List.of(StackRuntime.TRAFFIC_MANAGER, StackRuntime.GATEWAY)) {
            text.append("\n")
                    .append(name)
                    .append(" log (last lines):\n")
                    .append(runtime.service(name).logTail());
        }
        return text.toString();
    }

    /** Stops every service (gracefully; containers are removed). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ex) {
            // The JVM is already shutting down: the hook is running or has run.
        }
        runtime.close();
    }

    @Override
    public String toString() {
        return "PowerPagesStack[" + mode + ", site " + site.url() + "]";
    }
}
