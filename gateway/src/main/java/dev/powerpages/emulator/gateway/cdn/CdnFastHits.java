package dev.powerpages.emulator.gateway.cdn;

import dev.powerpages.emulator.gateway.WafStage;
import dev.powerpages.emulator.gateway.edge.EdgeOwnResponsesFilter;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Answers a fresh CDN hit before the web framework's pipeline (issue 16: a hit went through the exchange, the web
 * filters, the handler mappings, the route lookup and the route's filters before the CDN filter answered it; see
 * docs/benchmarks.md). Only a request that the pipeline would answer with the same stored response is taken here:
 * a GET without a body, with the CDN on, that the WAF stage passes on untouched ({@link WafStage}: no policy inspects
 * requests and the request is within the edge's limits, so the WAF still runs before the cache whenever it is on), on
 * a path whose route is known ({@link CdnRoutes}), with a stored response usable for it (the same {@link
 * CachePolicy#usable} and {@code Vary} match as {@link CdnFilter}). The answer is written by {@link CdnFilter#write}
 * (X-Cache, Age, the encoding, 304 on matching validators; a request without validators straight through Reactor
 * Netty, {@link CdnFilter#writeHitDirectly}), with its own {@code X-Azure-Ref}, counted as a {@code TCP_HIT} and
 * recorded in the meters the server's request observation feeds ({@code http.server.requests} in the same series as
 * every other request, and the edge's request meters the dashboard reads) by {@link FastHitMeters}. Anything else
 * goes on to the pipeline unchanged. With {@code gateway.cdn.fast-hits: false} nothing is taken here.
 */
public class CdnFastHits extends PipelineShortcut<StoredResponse> {

    /** Its place among the server's decorators: outside {@link ProxiedFastPath}, which needs the pipeline itself. */
    public static final int ORDER = 0;

    private final boolean enabled;

    private final CdnSettingsStore settingsStore;

    private final EdgeCache cache;

    private final CachePolicy policy;

    private final CdnRoutes routes;

    private final WafStage waf;

    private final CdnMetrics metrics;

    private final FastHitMeters meters;

    private final Clock clock;

    public CdnFastHits(
            boolean enabled,
            CdnSettingsStore settingsStore,
            EdgeCache cache,
            CachePolicy policy,
            CdnRoutes routes,
            WafStage waf,
            CdnMetrics metrics,
            FastHitMeters meters,
            Clock clock) {
        super(ORDER);
        this.enabled = enabled;
        this.settingsStore = settingsStore;
        this.cache = cache;
        this.policy = policy;
        this.routes = routes;
        this.waf = waf;
        this.metrics = metrics;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    boolean appliesTo(HttpHandler pipeline) {
        // gateway.cdn.fast-hits: false: every hit goes through the pipeline, as every other request.
        return enabled;
    }

    @Override
    StoredResponse judge(ServerHttpRequest request) {
        return hit(request);
    }

    @Override
    Mono<Void> answer(
            HttpHandler pipeline, ServerHttpRequest request, ServerHttpResponse response, StoredResponse hit) {
        return answer(request, response, hit);
    }

    /** The stored response the pipeline would answer the request with, or null to leave it to the pipeline. */
    StoredResponse hit(ServerHttpRequest request) {
        CdnSettings settings = settingsStore.current();
        if (!settings.enabled() || request.getMethod() != HttpMethod.GET) {
            return null;
        }
        String rawPath = request.getURI().getRawPath();
        if (ownPath(rawPath, request)) {
            // The edge's own endpoints (/_edge/**, /actuator/**) are never the CDN's, whatever was stored.
            return null;
        }
        String route = routes.routeOf(rawPath == null || rawPath.isEmpty() ? "/" : rawPath);
        if (route == null || !waf.passesUninspected(request)) {
            return null;
        }
        if (settings.cachingRule() == CachingRule.PowerPages && policy.authenticated(request)) {
            return null;
        }
        Optional<StoredResponse> stored = cache.find(CacheKeys.of(route, request, settings), request.getHeaders());
        if (stored.isEmpty() || !CachePolicy.usable(stored.get(), request, clock.instant())) {
            return null;
        }
        return stored.get();
    }

    /**
     * {@link EdgeOwnResponsesFilter#ownPath} without parsing the whole path into a {@code RequestPath} (6 % of a fast
     * hit's CPU, issue 16): the first non-empty segment decides, and it is read from the raw path unless it holds
     * something Spring's parser would change (percent-encoding, matrix parameters), when the full parse decides.
     */
    static boolean ownPath(String rawPath, ServerHttpRequest request) {
        int start = 0;
        int length = rawPath == null ? 0 : rawPath.length();
        while (start < length && rawPath.charAt(start) == '/') {
            start++;
        }
        int end = start;
        while (end < length && rawPath.charAt(end) != '/') {
            char c = rawPath.charAt(end);
            if (c == '%' || c == ';') {
                return EdgeOwnResponsesFilter.ownPath(request.getPath().pathWithinApplication());
            }
            end++;
        }
        int segment = end - start;
        return segment == 5 && rawPath.startsWith("_edge", start)
                || segment == 8 && rawPath.startsWith("actuator", start);
    }

    private Mono<Void> answer(ServerHttpRequest request, ServerHttpResponse response, StoredResponse stored) {
        FastHitMeters.Sample sample = meters.start(request, response);
        Instant now = clock.instant();
        String reference = EdgeReference.newReference();
        metrics.count(XCache.TCP_HIT);
        Mono<Void> written = CdnFilter.writeHitDirectly(response, request, stored, reference, now);
        if (written == null) {
            response.getHeaders().set(EdgeReference.HEADER, reference);
            written = CdnFilter.write(response, request, stored, XCache.TCP_HIT, now, true);
        }
        return written.doOnSuccess(done -> meters.stop(sample, request, response, null, false))
                .doOnError(error -> meters.stop(sample, request, response, error, false))
                .doOnCancel(() -> meters.stop(sample, request, response, null, true));
    }
}
