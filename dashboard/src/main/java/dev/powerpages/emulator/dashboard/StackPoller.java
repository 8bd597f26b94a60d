package dev.powerpages.emulator.dashboard;

import dev.powerpages.emulator.dashboard.DashboardSnapshot.Cdn;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Gateway;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Instance;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Marker;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Node;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Profile;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Status;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Store;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Waf;
import dev.powerpages.emulator.dashboard.ProfileReading.Endpoint;
import dev.powerpages.emulator.dashboard.ProfileReading.Probe;
import dev.powerpages.emulator.dashboard.ProfileReading.StatusChange;
import dev.powerpages.emulator.dashboard.Timeline.Kind;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Polls the whole stack once per {@code traffic-manager.dashboard.poll-interval}: the traffic manager's own
 * profile (read in memory), the gateway's health, origin, CDN, WAF and metrics, each app node's health,
 * about and faults, and the store's health. Each poll becomes a {@link DashboardSnapshot} pushed to the
 * open streams, and what changed since the last poll becomes timeline entries.
 * Polls run on a Spring {@link ThreadPoolTaskScheduler} of one thread with a fixed delay, so a slow service can
 * delay the next poll but never pile polls up. The scheduler is the dashboard's own rather than a context bean:
 * a {@code TaskScheduler} bean would become the application's default one for {@code @Scheduled} work.
 */
public class StackPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StackPoller.class);
    private static final int TIMELINE_SHOWN = 40;
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final String VISITOR_REQUESTS = "appnode.visitor.requests";

    private final ProfileSource profiles;
    private final DashboardProperties properties;
    private final Upstreams upstreams;
    private final ObjectMapper json;
    private final Timeline timeline;
    private final DashboardStream stream;
    private final Clock clock = Clock.systemUTC();
    private final RequestRates rates = new RequestRates(RATE_WINDOW_NANOS);
    private final RequestRates failures = new RequestRates(RATE_WINDOW_NANOS);
    private final RequestRates instanceRates = new RequestRates(RATE_WINDOW_NANOS);
    private final ActuatorMeters meters;
    private final GatewayMeters gatewayMeters;
    private final ChartHistory history;
    private final SelfUrl self;
    private volatile List<Marker> markers = List.of();

    // what the previous poll saw, to turn changes into timeline entries (touched by one poll at a time)
    private final Map<String, Probe> lastProbes = new HashMap<>();
    private final Map<String, String> lastServiceStatus = new HashMap<>();
    private StatusChange lastStatusChange;
    private boolean firstPoll = true;

    private final ThreadPoolTaskScheduler scheduler;

    private volatile DashboardSnapshot latest;
    private volatile ScheduledFuture<?> polling;

    StackPoller(
            ProfileSource profiles,
            DashboardProperties properties,
            Upstreams upstreams,
            ObjectMapper json,
            Timeline timeline,
            DashboardStream stream,
            SelfUrl self,
            ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulers) {
        this.scheduler = schedulers
                .getIfAvailable(ThreadPoolTaskSchedulerBuilder::new)
                .poolSize(1)
                .threadNamePrefix("dashboard-poller-")
                .build();
        this.profiles = profiles;
        this.properties = properties;
        this.upstreams = upstreams;
        this.json = json;
        this.timeline = timeline;
        this.stream = stream;
        this.self = self;
        this.history = new ChartHistory(properties.chartWindow());
        this.meters = new ActuatorMeters(upstreams, json);
        this.gatewayMeters = new GatewayMeters(meters);
    }

    /**
     * The latest snapshot, with the traffic manager's own part (profile and endpoint statuses, read in
     * memory) as of now rather than as of the last poll; polls now when none has been taken yet.
     */
    public DashboardSnapshot current() {
        DashboardSnapshot snapshot = latest;
        if (snapshot == null) {
            return poll();
        }
        ProfileReading state = profiles.read().orElse(null);
        if (state == null) {
            return snapshot;
        }
        Profile profile = profileView(state);
        List<Node> nodes = new ArrayList<>();
        for (Node node : snapshot.nodes()) {
            Endpoint endpoint = state.endpoints().stream()
                    .filter(e -> e.name().equals(node.endpoint()))
                    .findFirst()
                    .orElse(null);
            if (endpoint == null) {
                nodes.add(node);
                continue;
            }
            Probe probe = endpoint.lastProbe();
            nodes.add(new Node(
                    node.endpoint(),
                    node.location(),
                    node.priority(),
                    node.target(),
                    node.url(),
                    endpoint.endpointStatus(),
                    monitorStatus(endpoint),
                    probe == null ? null : describe(probe),
                    node.health(),
                    node.reasons(),
                    node.faults(),
                    node.about(),
                    endpoint.name().equals(profile.servingEndpoint()),
                    node.instances()));
        }
        return new DashboardSnapshot(
                snapshot.time(),
                profile,
                snapshot.gateway(),
                nodes,
                snapshot.store(),
                snapshot.timeline(),
                snapshot.charts());
    }

    /** The dashboard profile's app nodes by endpoint name (case-insensitive), with their URLs. */
    Map<String, URI> nodeUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        profiles.read()
                .ifPresent(profile -> profile.endpoints()
                        .forEach(e -> urls.put(e.name().toLowerCase(Locale.ROOT), URI.create(e.trafficUrl()))));
        return urls;
    }

    /** Every region's instances by name (case-insensitive), with their own URLs, as the latest poll listed them. */
    Map<String, URI> instanceUrls() {
        DashboardSnapshot snapshot = latest != null ? latest : poll();
        Map<String, URI> urls = new LinkedHashMap<>();
        snapshot.nodes()
                .forEach(node -> node.instances()
                        .forEach(i -> urls.put(i.name().toLowerCase(Locale.ROOT), URI.create(i.url()))));
        return urls;
    }

    synchronized DashboardSnapshot poll() {
        ProfileReading state = profiles.read().orElse(null);
        String key = properties.adminKey();
        URI gw = properties.gatewayUrl();

        CompletableFuture<Fetched> gwHealth = upstreams.get(gw.resolve("/_edge/health"), null, null);
        CompletableFuture<Fetched> gwOrigin = upstreams.get(gw.resolve("/_edge/admin/origin"), key, null);
        CompletableFuture<GatewayMeters.Figures> gwFigures = gatewayMeters.read(
                gw,
                state == null
                        ? List.of()
                        : state.endpoints().stream().map(Endpoint::name).toList());
        CompletableFuture<Fetched> gwCdn = upstreams.get(gw.resolve("/_edge/admin/cdn"), key, null);
        CompletableFuture<Fetched> gwWaf = upstreams.get(gw.resolve("/_edge/admin/waf"), key, null);
        CompletableFuture<Fetched> gwWafLogs = upstreams.get(gw.resolve("/_edge/admin/waf/logs"), key, null);
        CompletableFuture<Fetched> storeHealth =
                upstreams.get(properties.storeUrl().resolve("/actuator/health"), null, "application/json");
        CompletableFuture<Fetched> events = state == null
                ? CompletableFuture.completedFuture(Fetched.failed("no profile", 0))
                : self.get()
                        .map(base -> upstreams.get(
                                base.resolve("/api/profiles/" + state.name() + "/events"), null, "application/json"))
                        .orElseGet(() -> CompletableFuture.completedFuture(Fetched.failed("not listening yet", 0)));
        List<CompletableFuture<Fetched>> all =
                new ArrayList<>(List.of(gwHealth, gwOrigin, gwCdn, gwWaf, gwWafLogs, storeHealth, events));
        Map<String, List<CompletableFuture<Fetched>>> nodeCalls = new LinkedHashMap<>();
        if (state != null) {
            for (Endpoint endpoint : state.endpoints()) {
                URI url = URI.create(endpoint.trafficUrl());
                List<CompletableFuture<Fetched>> calls = List.of(
                        upstreams.get(url.resolve("/_services/health"), null, "application/json"),
                        upstreams.get(url.resolve("/_services/about"), null, "application/json"),
                        upstreams.get(url.resolve("/_services/chaos"), key, "application/json"));
                nodeCalls.put(endpoint.name(), calls);
                all.addAll(calls);
            }
        }
        // every future completes within the request timeout; joining them all cannot hang
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();

        // then each instance's own meter: the instances are known from the region's health answer (the gateway's
        // meters are read meanwhile, in two rounds of their own)
        Map<String, List<InstanceCall>> instanceCalls = new LinkedHashMap<>();
        if (state != null) {
            for (Endpoint endpoint : state.endpoints()) {
                List<CompletableFuture<Fetched>> calls = nodeCalls.get(endpoint.name());
                instanceCalls.put(
                        endpoint.name(),
                        instanceCalls(
                                endpoint, calls.get(0).join(), calls.get(1).join()));
            }
        }
        CompletableFuture.allOf(instanceCalls.values().stream()
                        .flatMap(List::stream)
                        .map(InstanceCall::metrics)
                        .toArray(CompletableFuture[]::new))
                .join();
        // completes within two request timeouts, as every read does
        GatewayMeters.Figures figures = gwFigures.join();
        Map<String, Double> instanceRps = instanceRates(instanceCalls);

        Profile profileView = state == null ? null : profileView(state);
        List<Node> nodes = new ArrayList<>();
        if (state != null) {
            for (Endpoint endpoint : state.endpoints()) {
                List<CompletableFuture<Fetched>> calls = nodeCalls.get(endpoint.name());
                List<Instance> instances = instanceCalls.get(endpoint.name()).stream()
                        .map(call -> new Instance(
                                call.name(),
                                call.url().toString(),
                                call.url().getPort() < 0 ? null : call.url().getPort(),
                                call.status(),
                                instanceRps.get(call.name())))
                        .toList();
                nodes.add(node(
                        endpoint,
                        profileView,
                        calls.get(0).join(),
                        calls.get(1).join(),
                        calls.get(2).join(),
                        instances));
            }
        }
        Fetched eventList = events.join();
        if (eventList.ok()) {
            markers = EventMarkers.from(parse(eventList.body()));
        }
        Gateway gateway =
                gateway(gwHealth.join(), gwOrigin.join(), figures, gwCdn.join(), gwWaf.join(), gwWafLogs.join(), state);
        Store store = new Store(properties.storeUrl().toString(), storeStatus(storeHealth.join()));

        recordChanges(state, gateway, nodes, store);
        firstPoll = false;
        Instant now = clock.instant();
        history.record(new ChartHistory.Point(
                now,
                gateway.requestsPerSecond() == null ? Map.of() : gateway.requestsPerSecond(),
                instanceRps,
                gateway.failedPerSecond(),
                gateway.p95Ms()));
        DashboardSnapshot snapshot = new DashboardSnapshot(
                now.toString(),
                profileView,
                gateway,
                nodes,
                store,
                timeline.newest(TIMELINE_SHOWN),
                history.view(markers));
        latest = snapshot;
        return snapshot;
    }

    private Profile profileView(ProfileReading state) {
        ProfileReading.Routing routing = state.routing();
        String pms = state.profileMonitorStatus();
        Tone tone = switch (pms) {
            case "Online" -> Tone.OK;
            case "Degraded" -> Tone.WARN; // one endpoint down; the profile still answers with another
            case "CheckingEndpoints" -> Tone.WARN;
            case "Disabled", "Inactive" -> Tone.OFF;
            default -> Tone.UNKNOWN;
        };
        if (routing.endpoint() != null) {
            boolean allDegraded = routing.allEndpointsDegraded();
            if (allDegraded) {
                tone = Tone.BAD;
            }
            return new Profile(
                    state.name(),
                    state.fqdn(),
                    state.routingMethod(),
                    state.ttl(),
                    new Status(pms, tone, null),
                    routing.endpoint(),
                    allDegraded,
                    allDegraded
                            ? "All endpoints Degraded: answering as if all were Online (Azure's best effort)"
                            : "DNS answers " + routing.endpoint());
        }
        String reason = routing.noAnswerReason();
        return new Profile(
                state.name(),
                state.fqdn(),
                state.routingMethod(),
                state.ttl(),
                new Status(pms, Tone.BAD, reason),
                null,
                false,
                "NXDOMAIN: " + reason);
    }

    /** One instance to read: its name, its own URL, its health as the region reported it, its metrics call. */
    private record InstanceCall(String name, URI url, Status status, CompletableFuture<MeterReading> metrics) {}

    /**
     * The region's instances: the region front's health answer lists them ({@code instances}: node, url, status)
     * when the region runs several; otherwise the region's node is its only instance.
     */
    private List<InstanceCall> instanceCalls(Endpoint endpoint, Fetched health, Fetched about) {
        List<InstanceCall> calls = new ArrayList<>();
        JsonNode listed = health.answered() ? parse(health.body()).path("instances") : null;
        if (listed != null && listed.isArray() && !listed.isEmpty()) {
            for (JsonNode instance : listed.values()) {
                String name = text(instance, "node");
                String url = text(instance, "url");
                if (name == null || url == null) {
                    continue;
                }
                String word = text(instance, "status");
                URI uri = URI.create(url);
                calls.add(new InstanceCall(name, uri, instanceStatus(word), metrics(uri)));
            }
            return calls;
        }
        URI url = URI.create(endpoint.trafficUrl());
        String name = about.ok() ? text(parse(about.body()), "node") : null;
        String word = health.answered() ? text(parse(health.body()), "status") : "Unreachable";
        calls.add(new InstanceCall(name == null ? endpoint.name() : name, url, instanceStatus(word), metrics(url)));
        return calls;
    }

    /** The node's count of the requests it served to visitors ({@code /_services/**} and {@code /actuator/**} left out). */
    private CompletableFuture<MeterReading> metrics(URI base) {
        return meters.read(base, VISITOR_REQUESTS);
    }

    private static Status instanceStatus(String word) {
        if (word == null) {
            return new Status("Unknown", Tone.UNKNOWN, null);
        }
        Tone tone = switch (word) {
            case "Healthy" -> Tone.OK;
            case "Degraded" -> Tone.WARN;
            default -> Tone.BAD;
        };
        return new Status(word, tone, null);
    }

    /**
     * Requests each instance served per second, from its {@code appnode.visitor.requests} counter: the node leaves
     * requests to {@code /_services/**} and {@code /actuator/**} (probes, the front's checks, the dashboard's own polls)
     * out of it, so an idle instance reads 0. An instance that cannot be read has no figure.
     */
    private Map<String, Double> instanceRates(Map<String, List<InstanceCall>> calls) {
        Map<String, Double> counters = new LinkedHashMap<>();
        calls.values().stream().flatMap(List::stream).forEach(call -> {
            Double served = call.metrics().join().statistic("COUNT");
            if (served != null) {
                counters.put(call.name(), served);
            }
        });
        Map<String, Double> all = instanceRates.record(System.nanoTime(), counters);
        // every listed instance, with no figure for one that could not be read (a crashed one draws a gap, not
        // the last rate it had)
        Map<String, Double> now = new LinkedHashMap<>();
        calls.values().stream()
                .flatMap(List::stream)
                .forEach(call -> now.put(call.name(), counters.containsKey(call.name()) ? all.get(call.name()) : null));
        return now;
    }

    private Node node(
            Endpoint endpoint,
            Profile profile,
            Fetched health,
            Fetched about,
            Fetched chaos,
            List<Instance> instances) {
        Probe probe = endpoint.lastProbe();
        List<String> reasons = new ArrayList<>();
        Status healthStatus;
        if (!health.answered()) {
            healthStatus = new Status("Down", Tone.BAD, health.error());
        } else {
            JsonNode body = parse(health.body());
            String word = text(body, "status");
            body.path("reasons").values().forEach(r -> reasons.add(r.asString("")));
            if (word == null) {
                healthStatus = new Status("HTTP " + health.status(), health.ok() ? Tone.OK : Tone.BAD, null);
            } else {
                Tone tone = switch (word) {
                    case "Healthy" -> Tone.OK;
                    case "Degraded" -> Tone.WARN;
                    default -> Tone.BAD;
                };
                healthStatus = new Status(word, tone, "HTTP " + health.status());
            }
        }
        Map<String, Object> faults = chaos.ok() ? flatMap(parse(chaos.body())) : null;
        Map<String, Object> aboutFields = about.ok() ? flatMap(parse(about.body())) : Map.of();
        boolean serving = profile != null && endpoint.name().equals(profile.servingEndpoint());
        return new Node(
                endpoint.name(),
                endpoint.location(),
                endpoint.priority(),
                endpoint.target(),
                endpoint.trafficUrl(),
                endpoint.endpointStatus(),
                monitorStatus(endpoint),
                probe == null ? null : describe(probe),
                healthStatus,
                reasons,
                faults,
                aboutFields,
                serving,
                instances);
    }

    private static Status monitorStatus(Endpoint endpoint) {
        String monitor = endpoint.monitorStatus();
        Tone tone = switch (monitor) {
            case "Online", "Unmonitored" -> Tone.OK;
            case "Degraded" -> Tone.BAD;
            case "CheckingEndpoint" -> Tone.WARN;
            case "Disabled", "Inactive", "Stopped" -> Tone.OFF;
            default -> Tone.UNKNOWN;
        };
        return new Status(
                monitor,
                tone,
                endpoint.consecutiveFailures() > 0
                        ? endpoint.consecutiveFailures() + " failed probe(s) in a row"
                        : null);
    }

    private Gateway gateway(
            Fetched health,
            Fetched origin,
            GatewayMeters.Figures figures,
            Fetched cdnAdmin,
            Fetched wafAdmin,
            Fetched wafLogs,
            ProfileReading state) {
        Status status = health.ok() ? new Status("Up", Tone.OK, null) : new Status("Down", Tone.BAD, health.describe());
        String originEndpoint = null;
        Boolean stale = null;
        if (origin.ok()) {
            JsonNode body = parse(origin.body());
            originEndpoint = text(body.path("answer"), "endpoint");
            stale = body.path("stale").isBoolean() ? body.path("stale").asBoolean() : null;
        }
        long now = System.nanoTime();
        Map<String, Double> rps = figures.originRequests() == null ? null : rates.record(now, figures.originRequests());
        // Front Door's "Percentage of requests that resulted in an error" counts 5xx: the same outcome here
        Double failed = figures.failedRequests() == null
                ? null
                : failures.record(now, Map.of("failed", figures.failedRequests()))
                        .get("failed");
        return new Gateway(
                properties.gatewayUrl().toString(),
                status,
                originEndpoint,
                stale,
                rps,
                failed,
                figures.p95Ms(),
                cdn(cdnAdmin, figures),
                waf(wafAdmin, wafLogs, figures));
    }

    /**
     * CDN state from {@code /_edge/admin/cdn} and its hit ratio from the gateway's CDN counters ({@link GatewayMeters});
     * failing those, the hit and miss statistics of the admin API's answer.
     */
    private Cdn cdn(Fetched admin, GatewayMeters.Figures figures) {
        if (!admin.ok()) {
            return new Cdn(
                    null,
                    null,
                    null,
                    null,
                    admin.answered() && admin.status() == 404
                            ? "no CDN admin API on this gateway"
                            : "CDN admin API: " + admin.describe());
        }
        JsonNode body = parse(admin.body());
        Boolean enabled =
                body.path("enabled").isBoolean() ? body.path("enabled").asBoolean() : null;
        long hits = 0;
        long misses = 0;
        boolean counted = false;
        if (figures.cdnHits() != null) {
            hits = figures.cdnHits();
            misses = figures.cdnMisses();
            counted = true;
        }
        if (!counted) {
            JsonNode stats = body.has("stats") ? body.path("stats") : body;
            if (stats.path("hits").isNumber() && stats.path("misses").isNumber()) {
                hits = stats.path("hits").asLong();
                misses = stats.path("misses").asLong();
                counted = true;
            }
        }
        Double ratio = counted && hits + misses > 0 ? (double) hits / (hits + misses) : null;
        return new Cdn(
                enabled,
                ratio,
                counted ? hits : null,
                counted ? misses : null,
                counted ? null : "no CDN counters in the gateway's metrics");
    }

    /**
     * WAF state from {@code /_edge/admin/waf} (Front Door's policy shape) and its blocks from the gateway's
     * WAF counter of {@code action=Block} ({@link GatewayMeters}), else from the WAF log's entries whose action is Block.
     */
    private Waf waf(Fetched admin, Fetched logs, GatewayMeters.Figures figures) {
        if (!admin.ok()) {
            return new Waf(
                    null,
                    null,
                    null,
                    admin.answered() && admin.status() == 404
                            ? "no WAF policy on this gateway (deleted, or no WAF admin API)"
                            : "WAF admin API: " + admin.describe());
        }
        JsonNode settings = parse(admin.body()).path("properties").path("policySettings");
        Long blocks = figures.wafBlocks();
        if (blocks == null && logs.ok()) {
            JsonNode body = parse(logs.body());
            JsonNode entries = body.isArray() ? body : body.path("value");
            if (entries.isArray()) {
                long count = 0;
                for (JsonNode entry : entries.values()) {
                    String action = text(entry, "action");
                    if (action == null) {
                        action = text(entry.path("properties"), "action");
                    }
                    if ("Block".equalsIgnoreCase(action)) {
                        count++;
                    }
                }
                blocks = count;
            }
        }
        return new Waf(
                text(settings, "enabledState"),
                text(settings, "mode"),
                blocks,
                blocks == null ? "no WAF counters or log on this gateway" : null);
    }

    private Status storeStatus(Fetched health) {
        if (!health.answered()) {
            return new Status("Down", Tone.BAD, health.error());
        }
        String word = text(parse(health.body()), "status");
        if ("UP".equals(word)) {
            return new Status("Up", Tone.OK, null);
        }
        return new Status(
                word == null ? "HTTP " + health.status() : "Down",
                Tone.BAD,
                word == null ? null : "actuator status " + word);
    }

    /** Turns what changed since the previous poll into timeline entries. */
    private void recordChanges(ProfileReading state, Gateway gateway, List<Node> nodes, Store store) {
        // probes first: a status change is caused by a probe, so it is the newer entry of the two
        if (state != null) {
            for (Endpoint endpoint : state.endpoints()) {
                Probe probe = endpoint.lastProbe();
                Probe previous = lastProbes.put(endpoint.name(), probe);
                // A run of successful probes is noise on a projector: record the first, every failure (the
                // count climbing towards toleratedNumberOfFailures is the point of a drill) and the recovery.
                boolean newProbe = probe != null && !probe.equals(previous);
                if (newProbe && (previous == null || !probe.success() || !previous.success())) {
                    String count = probe.success() ? "" : " (" + endpoint.consecutiveFailures() + " in a row)";
                    timeline.add(
                            probe.time().plus(probe.latency()).toString(),
                            Kind.PROBE,
                            endpoint.name(),
                            "probe " + endpoint.name() + ": " + describe(probe) + count,
                            probe.success() ? Tone.OK : Tone.BAD);
                }
            }
        }
        if (state != null) {
            List<StatusChange> changes = state.statusChanges(); // newest first
            List<StatusChange> fresh = new ArrayList<>();
            for (StatusChange change : changes) {
                if (change.equals(lastStatusChange)) {
                    break;
                }
                fresh.add(0, change);
            }
            if (!changes.isEmpty()) {
                lastStatusChange = changes.get(0);
            }
            for (StatusChange change : fresh) {
                Tone tone = "Online".equals(change.newStatus())
                        ? Tone.OK
                        : "Degraded".equals(change.newStatus()) ? Tone.BAD : Tone.WARN;
                timeline.add(
                        change.time().toString(),
                        Kind.STATUS,
                        change.endpoint(),
                        change.endpoint() + ": " + change.oldStatus() + " \u2192 " + change.newStatus() + " ("
                                + change.reason() + ")",
                        tone);
            }
        }
        serviceChange("gateway", "Gateway", gateway.status());
        serviceChange("store", "Metadata store", store.status());
        for (Node node : nodes) {
            serviceChange("node:" + node.endpoint(), "App node " + node.endpoint(), node.health());
        }
    }

    private void serviceChange(String key, String label, Status status) {
        String previous = lastServiceStatus.put(key, status.text());
        if (!firstPoll && previous != null && !previous.equals(status.text())) {
            timeline.add(
                    Kind.SERVICE,
                    label,
                    label + ": " + previous + " \u2192 " + status.text()
                            + (status.detail() == null ? "" : " (" + status.detail() + ")"),
                    status.tone());
        }
    }

    /** Short enough for a timeline line; the status change entries keep the traffic manager's full reason. */
    private static String describe(Probe probe) {
        if (probe.success()) {
            return "HTTP " + probe.statusCode() + " in " + probe.latency().toMillis() + " ms";
        }
        if (probe.statusCode() != null) {
            return "failed, HTTP " + probe.statusCode() + " after "
                    + probe.latency().toMillis() + " ms";
        }
        return "failed, " + (probe.error() == null ? "no answer" : probe.error());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException ex) {
            return json.createObjectNode(); // not JSON (an HTML error page, say): treat as empty
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    /** Top-level scalar fields of a JSON object, for the page to show as they are. */
    private static Map<String, Object> flatMap(JsonNode node) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isBoolean()) {
                fields.put(field.getKey(), value.asBoolean());
            } else if (value.isNumber()) {
                fields.put(field.getKey(), value.numberValue());
            } else if (value.isString()) {
                fields.put(field.getKey(), value.asString());
            }
        }
        return fields;
    }

    private void pollAndPush() {
        try {
            stream.publish(poll());
        } catch (RuntimeException ex) {
            // a throwing task would end its schedule silently: log and keep polling
            log.warn("Dashboard poll failed", ex);
        }
    }

    @Override
    public void start() {
        scheduler.setDaemon(true);
        scheduler.initialize();
        polling = scheduler.scheduleWithFixedDelay(this::pollAndPush, clock.instant(), properties.pollInterval());
    }

    @Override
    public void stop() {
        ScheduledFuture<?> current = polling;
        if (current != null) {
            current.cancel(true);
        }
        polling = null;
        scheduler.shutdown();
        stream.completeAll();
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }
}
