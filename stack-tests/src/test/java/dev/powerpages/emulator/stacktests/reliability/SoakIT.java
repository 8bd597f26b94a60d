package dev.powerpages.emulator.stacktests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.stacktests.reliability.GatewayLoad.Outcome;
import dev.powerpages.emulator.stacktests.reliability.GatewayLoad.Sample;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import dev.powerpages.emulator.testkit.StackMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Soak": a moderate, mixed load through the gateway — pages, web files (with query-string
 * variants the CDN caches separately), visitors' Web API reads (each with a filter of its own, so
 * the node's business-data cache keeps taking new entries) and attacks the WAF must block — with
 * the edge's CDN and WAF switched on and the CDN purged every 30 s. Every 10 s the test reads each
 * service's Prometheus endpoint and, at the end, asserts that live threads did not grow, that the
 * heap as collections leave it did not trend upward (the lowest reading of the last third against
 * the lowest of the first third, see {@link ServiceMetrics}; no collection is forced), that every
 * cache stayed within its bound, and that (almost) no request failed.
 *
 * <p>Each service in a process of its own ({@code LOCAL_PROCESSES}): in-process, the five would share one
 * heap and one thread count, and no reading would belong to a service.
 *
 * <p>Short by default (60 s after a 15 s warm-up); {@code -Dreliability.soak.seconds=600} for the full run.
 */
@Tag("slow") // minutes of load or a whole lab course: the failsafe group -DskipSlow leaves out (README, "Tests")
@PowerPagesStackTest(mode = StackMode.LOCAL_PROCESSES)
class SoakIT {

    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("reliability.soak.seconds", 60));
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration PURGE_EVERY = Duration.ofSeconds(30);
    private static final int CLIENTS = 4;
    private static final Duration THINK_TIME = Duration.ofMillis(25);
    /** How far the heap after GC may rise from the first third to the last: garbage promoted into the old generation waits for a full collection. */
    private static final double HEAP_GROWTH_RATIO = 0.25;

    private static final long HEAP_GROWTH_BYTES = 16L << 20;
    private static final int CSS_VARIANTS = 200;
    private static final String ATTACK = "/?q=" + encode("<script>alert(1)</script>");
    private static final Path REPORT = Path.of("target", "reliability", "soak.txt");
    /** Well under the hang timeout (10 s), so the dumps show the stall while it lasts. */
    private static final Duration HANG_DUMP_AFTER =
            Duration.ofMillis(Long.getLong("reliability.soak.hang-dump-after-ms", 3000));

    private static final String ADMIN_KEY = "emulator-admin-key";

    /** Bounds from the services' application.yml: webapi.cache-max-entries, gateway.cdn.max-entries; the site snapshot cache holds one site. */
    private static final Map<String, Long> CONFIGURED_MAXIMUM =
            Map.of("webapi-data", 1000L, "gateway.cdn", 10_000L, "site-snapshot", 1L);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void threadsHeapAndCachesStayFlatUnderAModerateMixedLoad(PowerPagesStack stack) throws Exception {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("gateway", stack.site().url("/actuator/prometheus"));
        services.put("northeurope", stack.primary().url("/actuator/prometheus"));
        services.put("westeurope", stack.secondary().url("/actuator/prometheus"));
        services.put("traffic-manager", stack.trafficManager().url("/actuator/prometheus"));
        services.put("metadata-store", stack.store().url("/actuator/prometheus"));

        admin(stack, "PATCH", "/_edge/admin/cdn", "{\"enabled\": true}");
        admin(
                stack,
                "PATCH",
                "/_edge/admin/waf",
                "{\"properties\":{\"policySettings\":{\"enabledState\":\"Enabled\",\"mode\":\"Prevention\"}}}");

        List<Reading> readings = new ArrayList<>();
        List<Sample> samples;
        try (GatewayLoad load = new GatewayLoad(
                stack.site().url(),
                CLIENTS,
                Duration.ofSeconds(10),
                THINK_TIME,
                SoakIT::path,
                path -> ATTACK.equals(path) ? 403 : null)) {
            GatewayLoad.sleep(WARM_UP.toMillis());
            long start = System.nanoTime();
            long nextPurge = start + PURGE_EVERY.toNanos();
            boolean dumped = false;
            for (long at = 0; at <= MEASURED.toSeconds(); at += SAMPLE_EVERY.toSeconds()) {
                long due = start + Duration.ofSeconds(at).toNanos();
                while (System.nanoTime() < due) {
                    if (System.nanoTime() >= nextPurge) {
                        admin(stack, "POST", "/_edge/admin/cdn/purge", "{\"contentPaths\": [\"/css/*\"]}");
                        nextPurge += PURGE_EVERY.toNanos();
                    }
                    if (!dumped
                            && load.oldestInFlightNanos().orElse(Long.MAX_VALUE)
                                    < System.nanoTime() - HANG_DUMP_AFTER.toNanos()) {
                        dumped = true;
                        System.out.println("SOAK: a request is waiting for more than " + HANG_DUMP_AFTER.toMillis()
                                + " ms; thread dumps: " + ThreadDumps.ofChildJvms(REPORT.getParent()));
                    }
                    GatewayLoad.sleep(Math.min(200, Math.max(1, (due - System.nanoTime()) / 1_000_000)));
                }
                Map<String, ServiceMetrics> now = new LinkedHashMap<>();
                for (var service : services.entrySet()) {
                    now.put(service.getKey(), ServiceMetrics.scrape(service.getValue()));
                }
                readings.add(new Reading(at, load.samples().size(), now));
            }
            samples = load.samples();
        } finally {
            admin(
                    stack,
                    "PATCH",
                    "/_edge/admin/waf",
                    "{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\"}}}");
            admin(stack, "PATCH", "/_edge/admin/cdn", "{\"enabled\": false}");
        }

        String report = report(readings, samples);
        System.out.print(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);

        Map<Outcome, Long> counts = GatewayLoad.countByOutcome(samples);
        long failed = samples.stream().filter(Sample::isFailure).count();
        assertThat(counts.getOrDefault(Outcome.SUCCESS, 0L))
                .as("successful requests")
                .isPositive();
        assertThat(counts.getOrDefault(Outcome.EXPECTED_REJECTION, 0L))
                .as("attacks the WAF blocked")
                .isPositive();
        assertThat(samples.stream()
                        .filter(s -> s.outcome() == Outcome.HANG || s.outcome() == Outcome.INTERNAL_ERROR)
                        .limit(5)
                        .toList())
                .as("hangs and 500s")
                .isEmpty();
        assertThat(failed)
                .as(
                        "failed requests, e.g. %s",
                        samples.stream().filter(Sample::isFailure).limit(3).toList())
                .isLessThanOrEqualTo(samples.size() / 1000);

        int third = Math.max(1, readings.size() / 3);
        List<Reading> first = readings.subList(0, third);
        List<Reading> last = readings.subList(readings.size() - third, readings.size());
        for (String service : services.keySet()) {
            long threadsBefore = max(first, service, ServiceMetrics::liveThreads);
            long threadsAfter = max(last, service, ServiceMetrics::liveThreads);
            assertThat(threadsAfter)
                    .as("%s live threads, last third vs first third", service)
                    .isLessThanOrEqualTo(threadsBefore + Math.max(5, threadsBefore / 10));
            long heapBefore = min(first, service, ServiceMetrics::heapAfterGcBytes);
            long heapAfter = min(last, service, ServiceMetrics::heapAfterGcBytes);
            assertThat(heapAfter)
                    .as("%s lowest heap after GC, last third vs first third (bytes)", service)
                    .isLessThanOrEqualTo((long) (heapBefore * (1 + HEAP_GROWTH_RATIO)) + HEAP_GROWTH_BYTES);
        }
        // The CDN keys by URL (query string included): at most one entry per distinct URL outside /_api (never cached).
        Set<String> cacheableUrls = samples.stream()
                .map(Sample::path)
                .filter(p -> !p.startsWith("/_api/"))
                .collect(Collectors.toSet());
        for (Reading reading : readings) {
            reading.metrics()
                    .forEach((service, metrics) -> metrics.cacheSizes().forEach((cache, size) -> {
                        Long maximum = CONFIGURED_MAXIMUM.get(cache);
                        if (maximum != null) {
                            assertThat(size)
                                    .as("%s cache %s at %d s", service, cache, reading.second())
                                    .isLessThanOrEqualTo(maximum);
                        }
                    }));
            // Tighter than the configured bounds: caches keyed by what was requested hold no more than that.
            assertThat(reading.cache("gateway", "gateway.cdn"))
                    .as("CDN entries at %d s", reading.second())
                    .isLessThanOrEqualTo(cacheableUrls.size());
            assertThat(reading.cache("northeurope", "web-file-content"))
                    .as("web file contents cached at %d s (one per file version)", reading.second())
                    .isLessThanOrEqualTo(3);
        }
    }

    private record Reading(long second, int requests, Map<String, ServiceMetrics> metrics) {

        long cache(String service, String cache) {
            return metrics.get(service).cacheSizes().getOrDefault(cache, 0L);
        }
    }

    /** Request n of the mix: 4 in 10 pages, 3 web files, 2 Web API reads, 1 attack. */
    private static String path(long n) {
        return switch ((int) (n % 10)) {
            case 0, 1 -> "/";
            case 2 -> "/about/";
            case 3 -> "/css/site.css?v=" + (n / 10) % CSS_VARIANTS;
            case 4 -> "/js/site.js";
            case 5 -> "/images/logo.png";
            case 6 -> "/_api/accounts?$select=name&$filter=" + encode("name eq 'soak-" + n + "'");
            case 7 -> "/_api/accounts?$select=name&$top=5";
            case 8 -> "/";
            default -> ATTACK;
        };
    }

    private void admin(PowerPagesStack stack, String method, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.site().url(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("X-Admin-Key", ADMIN_KEY)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
    }

    private static long max(List<Reading> readings, String service, ToLongFunction<ServiceMetrics> figure) {
        return readings.stream()
                .mapToLong(r -> figure.applyAsLong(r.metrics().get(service)))
                .max()
                .orElseThrow();
    }

    private static long min(List<Reading> readings, String service, ToLongFunction<ServiceMetrics> figure) {
        return readings.stream()
                .mapToLong(r -> figure.applyAsLong(r.metrics().get(service)))
                .min()
                .orElseThrow();
    }

    private static String report(List<Reading> readings, List<Sample> samples) {
        StringBuilder out = new StringBuilder();
        Map<Outcome, Long> counts = GatewayLoad.countByOutcome(samples);
        out.append(String.format(
                "SOAK: %d s measured after %d s warm-up, %d clients, CDN and WAF on, CDN purged every %d s%n",
                MEASURED.toSeconds(), WARM_UP.toSeconds(), CLIENTS, PURGE_EVERY.toSeconds()));
        out.append(String.format("  requests %d: %s%n", samples.size(), counts));
        Map<String, Long> statuses = samples.stream()
                .collect(Collectors.groupingBy(s -> Integer.toString(s.status()), TreeMap::new, Collectors.counting()));
        out.append(String.format("  by status %s%n", statuses));
        // The slowest answer of each kind of request: a stall that stayed under the hang timeout shows here.
        Map<String, Long> slowest = samples.stream()
                .collect(Collectors.groupingBy(
                        s -> s.path().replaceAll("[?].*", ""),
                        TreeMap::new,
                        Collectors.reducing(0L, s -> (s.endNanos() - s.startNanos()) / 1_000_000, Math::max)));
        out.append(String.format("  slowest answer (ms) by path %s%n", slowest));
        out.append(String.format(
                "  %-16s %6s %9s %8s %9s %8s %8s  %s%n",
                "service", "t (s)", "requests", "heap MB", "after GC", "live MB", "threads", "cache sizes"));
        for (String service : readings.get(0).metrics().keySet()) {
            for (Reading reading : readings) {
                ServiceMetrics m = reading.metrics().get(service);
                out.append(String.format(
                        "  %-16s %6d %9d %8.1f %9.1f %8.1f %8d  %s%n",
                        service,
                        reading.second(),
                        reading.requests(),
                        m.heapUsedBytes() / 1048576.0,
                        m.heapAfterGcBytes() / 1048576.0,
                        m.liveDataBytes() / 1048576.0,
                        m.liveThreads(),
                        m.cacheSizes()));
            }
        }
        samples.stream()
                .filter(Sample::isFailure)
                .limit(5)
                .forEach(s -> out.append("  e.g. ").append(s).append(System.lineSeparator()));
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
