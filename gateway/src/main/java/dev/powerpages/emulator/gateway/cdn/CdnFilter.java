package dev.powerpages.emulator.gateway.cdn;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import dev.powerpages.emulator.gateway.edge.AnswersWrittenOnTheVisitorsLoop;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The edge's shared HTTP cache (RFC 9111), after the WAF and before the origin is resolved, as
 * at Front Door: a fresh stored response answers here ({@code TCP_HIT}); a stale one is
 * revalidated with the origin; a miss goes to the origin and is stored when the rule and the
 * origin's headers allow. Unsafe methods invalidate the URL they target.
 */
public class CdnFilter implements GlobalFilter, Ordered {

    private static final String AGE = "Age";

    private static final AsciiString WIRE_REFERENCE = AsciiString.of(EdgeReference.HEADER);

    private static final AsciiString WIRE_AGE = AsciiString.of(AGE);

    private static final AsciiString WIRE_X_CACHE = AsciiString.of(XCache.HEADER);

    private static final AsciiString WIRE_TCP_HIT = AsciiString.of(XCache.TCP_HIT.name());

    /** RFC 9110 9.2.1: every other method, unknown ones included, is unsafe. */
    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    /**
     * Headers of a 304 that never replace the stored ones (RFC 9111 3.2): they describe the
     * stored body, which the 304 does not change.
     */
    private static final Set<String> NOT_UPDATED =
            Set.of("content-length", "content-encoding", "transfer-encoding", "content-range", "content-md5", "etag");

    private final CdnSettingsStore settingsStore;

    private final EdgeCache cache;

    private final CachePolicy policy;

    private final Compression compression;

    private final CdnMetrics metrics;

    private final CdnProperties properties;

    private final Clock clock;

    private final CdnRoutes routes;

    public CdnFilter(
            CdnSettingsStore settingsStore,
            EdgeCache cache,
            CachePolicy policy,
            CdnMetrics metrics,
            CdnProperties properties,
            Clock clock,
            CdnRoutes routes) {
        this.settingsStore = settingsStore;
        this.cache = cache;
        this.policy = policy;
        this.compression = new Compression(properties.compression());
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.routes = routes;
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.CDN;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        CdnSettings settings = settingsStore.current();
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if (!settings.enabled()) {
            // Front Door answers CONFIG_NOCACHE on a route without caching.
            return passThrough(exchange, chain, XCache.CONFIG_NOCACHE);
        }
        String route = routeOf(exchange);
        if (!SAFE.contains(method)) {
            invalidateAfter(exchange, route);
            return passThrough(exchange, chain, XCache.CONFIG_NOCACHE);
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return passThrough(exchange, chain, XCache.CONFIG_NOCACHE);
        }
        if (settings.cachingRule() == CachingRule.PowerPages && policy.authenticated(request)) {
            // Power Pages: requests of signed-in visitors always go to the app server.
            return passThrough(exchange, chain, XCache.CONFIG_NOCACHE);
        }
        EntryKey key = CacheKeys.of(route, request, settings);
        Instant now = clock.instant();
        Optional<StoredResponse> stored = cache.find(key, request.getHeaders());
        if (stored.isPresent() && CachePolicy.usable(stored.get(), request, now)) {
            routes.remember(key.path(), route);
            metrics.count(XCache.TCP_HIT);
            return write(exchange.getResponse(), request, stored.get(), XCache.TCP_HIT, now, true);
        }
        if (CachePolicy.onlyIfCached(request)) {
            // RFC 9111 5.2.1.7: nothing usable is stored and the client forbids asking the origin.
            exchange.getResponse().setStatusCode(HttpStatus.GATEWAY_TIMEOUT);
            exchange.getResponse().getHeaders().set(XCache.HEADER, XCache.TCP_MISS.name());
            return exchange.getResponse().setComplete();
        }
        if (method == HttpMethod.HEAD) {
            // A HEAD fetch has no body to store; it is only forwarded.
            return passThrough(exchange, chain, XCache.TCP_MISS);
        }
        return fetch(
                exchange,
                chain,
                settings,
                key,
                stored.filter(StoredResponse::hasValidator).orElse(null));
    }

    private static String routeOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        return route == null ? "" : route.getId();
    }

    private Mono<Void> passThrough(ServerWebExchange exchange, GatewayFilterChain chain, XCache value) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(XCache.HEADER, value.name());
            return Mono.empty();
        });
        if (value != XCache.CONFIG_NOCACHE || settingsStore.current().enabled()) {
            metrics.count(value);
        }
        return chain.filter(exchange);
    }

    /**
     * RFC 9111 4.4: a successful unsafe request invalidates the target URI, and the Location and
     * Content-Location URIs when they are on the same host.
     */
    private void invalidateAfter(ServerWebExchange exchange, String route) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            HttpStatusCode status = response.getStatusCode();
            if (status != null && (status.is2xxSuccessful() || status.is3xxRedirection())) {
                URI target = exchange.getRequest().getURI();
                cache.invalidatePath(route, target.getRawPath());
                for (String header : List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_LOCATION)) {
                    String value = response.getHeaders().getFirst(header);
                    if (value != null) {
                        try {
                            URI location = target.resolve(value);
                            if (location.getHost() == null
                                    || location.getAuthority().equals(target.getAuthority())) {
                                cache.invalidatePath(route, location.getRawPath());
                            }
                        } catch (IllegalArgumentException ignored) {
                            // A malformed header names nothing to invalidate.
                        }
                    }
                }
            }
            return Mono.empty();
        });
    }

    /** Goes to the origin, revalidating {@code stale} when there is one, and stores what may be stored. */
    private Mono<Void> fetch(
            ServerWebExchange exchange,
            GatewayFilterChain chain,
            CdnSettings settings,
            EntryKey key,
            StoredResponse stale) {
        ServerHttpRequest original = exchange.getRequest();
        ServerHttpRequest forwarded = original.mutate()
                .headers(headers -> {
                    // The client's own validators are answered here, from the full response.
                    headers.remove(HttpHeaders.IF_NONE_MATCH);
                    headers.remove(HttpHeaders.IF_MODIFIED_SINCE);
                    if (stale != null) {
                        if (stale.etag() != null) {
                            headers.set(HttpHeaders.IF_NONE_MATCH, stale.etag());
                        }
                        if (stale.lastModified() != null) {
                            headers.set(HttpHeaders.IF_MODIFIED_SINCE, stale.lastModified());
                        }
                    }
                })
                .build();
        Instant requestTime = clock.instant();
        ServerHttpResponse response = exchange.getResponse();
        ServerHttpResponseDecorator storing = new ServerHttpResponseDecorator(response) {

            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return onOriginResponse(original, getDelegate(), body, settings, key, stale, requestTime);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                // A streamed response (server-sent events) is never stored.
                getDelegate().getHeaders().set(XCache.HEADER, XCache.UNCACHEABLE.name());
                metrics.count(XCache.UNCACHEABLE);
                return getDelegate().writeAndFlushWith(body);
            }
        };
        return chain.filter(
                exchange.mutate().request(forwarded).response(storing).build());
    }

    private Mono<Void> onOriginResponse(
            ServerHttpRequest request,
            ServerHttpResponse response,
            Publisher<? extends DataBuffer> body,
            CdnSettings settings,
            EntryKey key,
            StoredResponse stale,
            Instant requestTime) {
        Instant responseTime = clock.instant();
        int status = response.getStatusCode() == null
                ? 200
                : response.getStatusCode().value();
        HttpHeaders headers = response.getHeaders();
        if (stale != null && status == HttpStatus.NOT_MODIFIED.value()) {
            StoredResponse refreshed = refresh(stale, headers, settings, requestTime, responseTime);
            cache.remove(key, stale);
            cache.put(key, refreshed);
            metrics.count(XCache.TCP_REFRESH_HIT);
            return Flux.from(body)
                    .doOnNext(DataBufferUtils::release)
                    .then(write(response, request, refreshed, XCache.TCP_REFRESH_HIT, responseTime, true));
        }
        XCache outcome = stale != null ? XCache.TCP_REFRESH_MISS : XCache.TCP_MISS;
        Optional<XCache> refusal = policy.refusal(settings, request, status, headers);
        long declaredLength = headers.getContentLength();
        if (refusal.isEmpty() && declaredLength > properties.maxObjectSize().toBytes()) {
            refusal = Optional.of(XCache.UNCACHEABLE);
        }
        if (refusal.isPresent()) {
            if (stale != null) {
                // The origin's newer answer supersedes the stored one (RFC 9111 4.3.3).
                cache.remove(key, stale);
            }
            headers.set(XCache.HEADER, refusal.get().name());
            metrics.count(refusal.get());
            return response.writeWith(body);
        }
        return DataBufferUtils.join(Flux.from(body))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    StoredResponse fresh =
                            toStored(request, status, headers, bytes, settings, requestTime, responseTime);
                    if (bytes.length <= properties.maxObjectSize().toBytes()) {
                        cache.put(key, fresh);
                        routes.remember(key.path(), key.route());
                    }
                    metrics.count(outcome);
                    return write(response, request, fresh, outcome, responseTime, false);
                });
    }

    private StoredResponse toStored(
            ServerHttpRequest request,
            int status,
            HttpHeaders origin,
            byte[] body,
            CdnSettings settings,
            Instant requestTime,
            Instant responseTime) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(origin);
        // Front Door removes Set-Cookie from responses it caches (the Power Pages rule never
        // gets here with one).
        headers.remove(HttpHeaders.SET_COOKIE);
        headers.remove(XCache.HEADER);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.remove(HttpHeaders.CONNECTION);
        CacheDirectives directives = CacheDirectives.parse(headers.getValuesAsList(HttpHeaders.CACHE_CONTROL));
        byte[] gzip = compression.gzipFor(headers, body, directives);
        return new StoredResponse(
                status,
                headers,
                body,
                gzip,
                Variants.requestValues(Variants.varyNames(headers), request.getHeaders()),
                requestTime,
                responseTime,
                policy.lifetime(settings, headers, responseTime),
                directives.has("no-cache"),
                directives.has("must-revalidate") || directives.has("proxy-revalidate") || directives.has("s-maxage"));
    }

    /** RFC 9111 4.3.4: the stored response with the 304's header fields, fresh again. */
    private StoredResponse refresh(
            StoredResponse stale,
            HttpHeaders notModified,
            CdnSettings settings,
            Instant requestTime,
            Instant responseTime) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(stale.headers());
        notModified.forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!NOT_UPDATED.contains(lower)
                    && !lower.equals("set-cookie")
                    && !lower.equals("x-cache")
                    && !lower.equals(HttpHeaders.CONNECTION.toLowerCase())) {
                headers.put(name, values);
            }
        });
        if (!notModified.containsHeader("Age")) {
            headers.remove("Age");
        }
        CacheDirectives directives = CacheDirectives.parse(headers.getValuesAsList(HttpHeaders.CACHE_CONTROL));
        return new StoredResponse(
                stale.status(),
                headers,
                stale.body(),
                stale.gzipBody(),
                stale.varyValues(),
                requestTime,
                responseTime,
                policy.lifetime(settings, headers, responseTime),
                directives.has("no-cache"),
                directives.has("must-revalidate") || directives.has("proxy-revalidate") || directives.has("s-maxage"));
    }

    /**
     * Answers from a stored response: the chosen encoding, {@code Age} when it comes from storage,
     * {@code X-Cache}, and 304 when the client's validators match. The headers each representation
     * carries were prepared when the response was stored ({@link PreparedAnswers}).
     */
    static Mono<Void> write(
            ServerHttpResponse response,
            ServerHttpRequest request,
            StoredResponse stored,
            XCache outcome,
            Instant now,
            boolean fromStorage) {
        HttpHeaders headers = response.getHeaders();
        String reference = headers.getFirst(EdgeReference.HEADER);
        PreparedAnswers.Representation answer = stored.prepared().forRequest(request.getHeaders());
        headers.clear();
        headers.putAll(answer.headers());
        if (reference != null) {
            headers.set(EdgeReference.HEADER, reference);
        }
        if (fromStorage) {
            headers.set(AGE, Long.toString(stored.age(now).toSeconds()));
        }
        headers.set(XCache.HEADER, outcome.name());
        if (stored.status() == 200 && Conditionals.notModified(request.getHeaders(), headers)) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            Conditionals.keepNotModifiedHeaders(headers);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    /**
     * A fresh hit answered ahead of the web pipeline ({@link CdnFastHits}) straight through Reactor Netty: the same
     * answer as {@link #write} gives a request without validators (the prepared headers, {@code X-Azure-Ref},
     * {@code Age}, {@code X-Cache: TCP_HIT}), headers and body in one write. Null when it cannot be written that way
     * (a response that is not Reactor Netty's own, or a conditional request, which may be a 304): then {@link #write}.
     */
    static Mono<Void> writeHitDirectly(
            ServerHttpResponse response,
            ServerHttpRequest request,
            StoredResponse stored,
            String reference,
            Instant now) {
        if (response instanceof AnswersWrittenOnTheVisitorsLoop.OnTheLoop onTheLoop) {
            // Answered on the visitor's loop, where that decorator would write it too.
            response = onTheLoop.getDelegate();
        }
        if (!(response instanceof AbstractServerHttpResponse plain)
                || !(plain.getNativeResponse() instanceof HttpServerResponse nettyResponse)
                || Conditionals.conditional(request.getHeaders())) {
            return null;
        }
        PreparedAnswers.Representation answer = stored.prepared().forRequest(request.getHeaders());
        nettyResponse
                .responseHeaders()
                .set(answer.wire())
                .set(WIRE_REFERENCE, reference)
                .set(WIRE_AGE, Long.toString(stored.age(now).toSeconds()))
                .set(WIRE_X_CACHE, WIRE_TCP_HIT);
        nettyResponse.status(stored.status());
        return nettyResponse.sendObject(Unpooled.wrappedBuffer(answer.body())).then();
    }
}
