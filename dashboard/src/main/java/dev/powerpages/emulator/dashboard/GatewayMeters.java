package dev.powerpages.emulator.dashboard;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The gateway's figures for one poll, each read as a single meter from its {@code /actuator/metrics/{name}}:
 * <ul>
 *   <li>{@code gateway.origin.requests?tag=endpoint:…}: requests forwarded to each endpoint (per-region rates);</li>
 *   <li>{@code gateway.edge.responses?tag=http_status_group:5xx}: visitors' requests that failed (Front Door's
 *       error rate counts 5xx; 4xx are the visitor's errors, not the stack's);</li>
 *   <li>{@code gateway.edge.requests.percentile?tag=phi:0.95}: the p95 the gateway publishes over its last seconds;</li>
 *   <li>{@code gateway.cdn.requests?tag=…} by the X-Cache outcomes its {@code availableTags} list (values with HIT or
 *       MISS), failing that the edge cache's own {@code cache.gets?tag=cache:gateway.cdn&tag=result:hit|miss};</li>
 *   <li>{@code gateway.waf.requests?tag=action:Block}: WAF blocks (Front Door's WAF request count has an Action
 *       dimension).</li>
 * </ul>
 * Two rounds: the first reads every meter the dashboard knows by name and tag, the second the tag values only the
 * first answers listed (the CDN's outcomes, an endpoint the profile does not name).
 */
final class GatewayMeters {

    static final String ORIGIN_REQUESTS = "gateway.origin.requests";
    static final String EDGE_RESPONSES = "gateway.edge.responses";
    static final String EDGE_P95 = "gateway.edge.requests.percentile";
    static final String CDN_REQUESTS = "gateway.cdn.requests";
    static final String CACHE_GETS = "cache.gets";
    static final String WAF_REQUESTS = "gateway.waf.requests";

    /**
     * One poll's counts and figures; a null one could not be read.
     *
     * @param originRequests requests forwarded so far, by endpoint (each of the profile's, 0 before the first)
     * @param failedRequests visitors' requests answered with a 5xx so far
     * @param p95Ms the gateway's published p95 of its visitors' requests; null when none ended in its window
     * @param cdnHits cache hits so far (with cdnMisses; both null without CDN counters)
     * @param cdnMisses cache misses so far
     * @param wafBlocks requests the WAF blocked so far
     */
    record Figures(
            Map<String, Double> originRequests,
            Double failedRequests,
            Double p95Ms,
            Long cdnHits,
            Long cdnMisses,
            Long wafBlocks) {}

    private final ActuatorMeters meters;

    GatewayMeters(ActuatorMeters meters) {
        this.meters = meters;
    }

    /** Reads the gateway's meters; the future always completes normally. */
    CompletableFuture<Figures> read(URI gateway, List<String> endpoints) {
        CompletableFuture<MeterReading> origin = meters.read(gateway, ORIGIN_REQUESTS);
        Map<String, CompletableFuture<MeterReading>> perEndpoint = new LinkedHashMap<>();
        endpoints.forEach(e -> perEndpoint.put(e, meters.read(gateway, ORIGIN_REQUESTS, Map.of("endpoint", e))));
        CompletableFuture<MeterReading> failed =
                meters.read(gateway, EDGE_RESPONSES, Map.of("http_status_group", "5xx"));
        CompletableFuture<MeterReading> p95 = meters.read(gateway, EDGE_P95, Map.of("phi", "0.95"));
        CompletableFuture<MeterReading> cdn = meters.read(gateway, CDN_REQUESTS);
        CompletableFuture<MeterReading> waf = meters.read(gateway, WAF_REQUESTS, Map.of("action", "Block"));
        List<CompletableFuture<MeterReading>> first = new ArrayList<>(List.of(origin, failed, p95, cdn, waf));
        first.addAll(perEndpoint.values());
        return CompletableFuture.allOf(first.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            // endpoints the gateway counted that the profile does not name
            origin.join().tagValues("endpoint").stream()
                    .filter(e -> !perEndpoint.containsKey(e))
                    .forEach(e -> perEndpoint.put(e, meters.read(gateway, ORIGIN_REQUESTS, Map.of("endpoint", e))));
            CacheReads cache = cacheReads(gateway, cdn.join());
            List<CompletableFuture<MeterReading>> second = new ArrayList<>(perEndpoint.values());
            second.addAll(cache.hits());
            second.addAll(cache.misses());
            return CompletableFuture.allOf(second.toArray(CompletableFuture[]::new))
                    .thenApply(all -> new Figures(
                            originRequests(origin.join(), perEndpoint),
                            failed.join().statistic("COUNT"),
                            p95Ms(p95.join()),
                            cache.counted() ? sum(cache.hits()) : null,
                            cache.counted() ? sum(cache.misses()) : null,
                            blocks(waf.join())));
        });
    }

    /** The reads whose sums are the CDN's hits and misses. */
    private record CacheReads(
            List<CompletableFuture<MeterReading>> hits, List<CompletableFuture<MeterReading>> misses) {

        /** Whether any of the reads found a counter (call once they are done). */
        boolean counted() {
            return Stream.concat(hits.stream(), misses.stream())
                    .anyMatch(read -> read.join().found());
        }
    }

    /**
     * Front Door reports the cache outcome as {@code X-Cache} values (TCP_HIT, TCP_REMOTE_HIT, TCP_MISS, ...): every
     * value of a tag of the CDN's counter containing HIT or MISS counts; failing those, the edge cache's own
     * statistics (Micrometer's Caffeine binder, {@code cache=gateway.cdn}).
     */
    private CacheReads cacheReads(URI gateway, MeterReading cdn) {
        List<CompletableFuture<MeterReading>> hits = new ArrayList<>();
        List<CompletableFuture<MeterReading>> misses = new ArrayList<>();
        for (MeterReading.AvailableTag tag : cdn.availableTags()) {
            if (tag.tag() == null || tag.values() == null) {
                continue;
            }
            for (String value : new LinkedHashSet<>(tag.values())) {
                String upper = value.toUpperCase(Locale.ROOT);
                if (upper.contains("HIT")) {
                    hits.add(meters.read(gateway, CDN_REQUESTS, Map.of(tag.tag(), value)));
                } else if (upper.contains("MISS")) {
                    misses.add(meters.read(gateway, CDN_REQUESTS, Map.of(tag.tag(), value)));
                }
            }
        }
        if (hits.isEmpty() && misses.isEmpty() && (cdn.found() || cdn.absent())) {
            hits.add(cacheGets(gateway, "hit"));
            misses.add(cacheGets(gateway, "miss"));
        }
        return new CacheReads(hits, misses);
    }

    private CompletableFuture<MeterReading> cacheGets(URI gateway, String result) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("cache", "gateway.cdn");
        tags.put("result", result);
        return meters.read(gateway, CACHE_GETS, tags);
    }

    private static Map<String, Double> originRequests(
            MeterReading origin, Map<String, CompletableFuture<MeterReading>> perEndpoint) {
        if (!origin.found() && !origin.absent()) {
            return null; // the gateway's metrics could not be read
        }
        Map<String, Double> counters = new LinkedHashMap<>();
        // no series for an endpoint yet (Actuator's 404): nothing forwarded to it
        perEndpoint.forEach((endpoint, read) -> {
            Double count = read.join().statistic("COUNT");
            counters.put(endpoint, count == null ? 0.0 : count);
        });
        return counters;
    }

    /** The published percentile; 0 means no request ended in its window (Micrometer's empty histogram). */
    private static Double p95Ms(MeterReading p95) {
        Double ms = p95.millis("VALUE");
        return ms == null || ms <= 0 ? null : ms;
    }

    private static Long blocks(MeterReading waf) {
        Double count = waf.statistic("COUNT");
        return count == null ? null : count.longValue();
    }

    private static Long sum(List<CompletableFuture<MeterReading>> reads) {
        long sum = 0;
        for (CompletableFuture<MeterReading> read : reads) {
            Double count = read.join().statistic("COUNT");
            sum += count == null ? 0 : count.longValue();
        }
        return sum;
    }
}
