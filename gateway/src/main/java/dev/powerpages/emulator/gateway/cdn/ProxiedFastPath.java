package dev.powerpages.emulator.gateway.cdn;

import dev.powerpages.emulator.gateway.WafStage;
import dev.powerpages.emulator.gateway.edge.EdgeErrorHandler;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import dev.powerpages.emulator.gateway.edge.VisitorsLoops;
import dev.powerpages.emulator.gateway.origin.OriginFailure;
import dev.powerpages.emulator.gateway.origin.OriginFailureException;
import dev.powerpages.emulator.gateway.origin.OriginMetrics;
import dev.powerpages.emulator.gateway.origin.OriginResolver;
import dev.powerpages.emulator.gateway.origin.ResolveAnswer;
import dev.powerpages.emulator.gateway.origin.TrafficManagerOriginFilter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

/**
 * Proxies a request to the origin ahead of the web framework's pipeline, when the pipeline would do nothing with it
 * but proxy it (issue 16, target 2b: a proxied page went through the web filters, the handler mappings, the route
 * lookup and eight global filters, each a link of the Reactor operator chain every context lookup walks; see
 * docs/benchmarks.md "The proxied page, fourth round"). What the pipeline does for such a request is done here in the
 * same way and by the same code where it can be shared:
 * <ul>
 * <li>the WAF stage and the CDN: taken only while the CDN is off (a miss is the CDN filter's to store) and the WAF
 * stage has nothing to do but inspect a request without a body ({@link WafStage#ahead}: within the edge's limits);
 * with a policy on, the request is inspected by the stage's own code ({@link WafStage#inspect}, on its inspection
 * threads, the same log entries), which answers a block, a redirect or its busy 503 itself, and only a request it
 * lets through goes on to the origin (with {@code gateway.fast-proxy.waf-inspected: false} a request a policy
 * inspects takes the pipeline);</li>
 * <li>the route: taken only while the site route is the only route ({@code tm://{profile}} for {@code Path=/**}, no
 * route filters, no metadata), the global and web filters are the ones this class stands in for (any other one, added
 * later, sends every request through the pipeline), and the path is not one of the edge's own;</li>
 * <li>the origin: the traffic manager's answer the resolver holds for the request's moment ({@link
 * OriginResolver#usableAnswer}); when none is usable (the TTL ran out, the first request) the pipeline asks; edge retry
 * stays with the pipeline ({@link TrafficManagerOriginFilter});</li>
 * <li>the origin's URL: the answer's scheme, host and port, the request's path and query as {@code
 * RouteToRequestUrlFilter} and {@code TrafficManagerOriginFilter.toOrigin} make them ({@link #originUrl}); the
 * request URL attributes are not set, so {@code
 * XForwardedHeadersFilter} writes no {@code X-Forwarded-Prefix}, as it writes none through the pipeline, where both
 * URLs have the same path;</li>
 * <li>the headers both ways: the work of Spring Cloud Gateway's own {@link HttpHeadersFilter} beans (hop-by-hop
 * removal, X-Forwarded-* from trusted addresses, the request's X-Azure-Ref) done on one copy of the headers by {@link
 * HeaderFiltersInOneCopy} while the beans are the ones it reproduces (else the beans themselves, each on its own copy)
 * on a {@link DefaultServerWebExchange} of the request,
 * {@code Host} left to the client (the origin's), the response's X-Azure-Ref set as {@code EdgeReferenceFilter} sets
 * it and its {@code X-Cache: CONFIG_NOCACHE} as {@code CdnFilter} sets it while the CDN is off; the request, the status and the body as {@code NettyRoutingFilter} and {@code NettyWriteResponseFilter}
 * send them (the same client bean, connect timeout, response timeout, streaming media types flushed per chunk);</li>
 * <li>failures: classified by {@link OriginFailure}, counted by {@link OriginMetrics}, and answered by the same {@link
 * EdgeErrorHandler} (502/503/504 with the reference);</li>
 * <li>meters: {@code gateway.origin.requests} per endpoint, and {@code http.server.requests} and the edge's visitor
 * meters through {@link FastHitMeters}, as for fast hits.</li>
 * </ul>
 * Anything else (another method, a body, an Upgrade, the CDN on, an own path, a URL or headers beyond the edge's
 * limits) goes on to the pipeline unchanged. With {@code gateway.fast-proxy.enabled: false} nothing is taken here.
 */
public class ProxiedFastPath extends PipelineShortcut<ProxiedFastPath.Taken>
        implements ApplicationListener<RefreshRoutesResultEvent> {

    /**
     * After {@link CdnFastHits#ORDER}: Spring's {@code WebHttpHandlerBuilder} applies the decorators so that the last
     * in order wraps the pipeline itself, and this one needs the pipeline's {@link HttpWebHandlerAdapter} (its session
     * manager, codecs and locale resolver make the exchange the header filters read).
     */
    public static final int ORDER = CdnFastHits.ORDER + 1;

    private static final Logger log = LoggerFactory.getLogger(ProxiedFastPath.class);

    /**
     * The global filters a proxied request meets in the pipeline, each of which this class does the work of or which
     * does nothing for a request taken here (the WAF and CDN stages pass it on, the websocket filter passes a request
     * without Upgrade on). A global filter not listed here makes every request take the pipeline.
     */
    static final Set<String> GLOBAL_FILTERS_STOOD_IN_FOR = Set.of(
            "org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter",
            "org.springframework.cloud.gateway.filter.NettyRoutingFilter",
            "org.springframework.cloud.gateway.filter.NettyWriteResponseFilter",
            "org.springframework.cloud.gateway.filter.WebsocketRoutingFilter",
            // lb:// URLs only (it fails them without a load balancer); the site route's is tm://
            "org.springframework.cloud.gateway.config.GatewayNoLoadBalancerClientAutoConfiguration$NoLoadBalancerClientFilter",
            "dev.powerpages.emulator.gateway.origin.TrafficManagerOriginFilter",
            "dev.powerpages.emulator.gateway.waf.WafFilter",
            "dev.powerpages.emulator.gateway.cdn.CdnFilter");

    /**
     * The web filters a request outside the edge's own paths meets: the reference (set here too), the own-responses
     * filter (own paths only), Spring Security's proxy (admin paths only, {@code SecurityForAdminPathsOnly}).
     */
    static final Set<String> WEB_FILTERS_STOOD_IN_FOR = Set.of(
            "dev.powerpages.emulator.gateway.edge.EdgeReferenceFilter",
            "dev.powerpages.emulator.gateway.edge.EdgeOwnResponsesFilter",
            "org.springframework.security.web.server.WebFilterChainProxy");

    private final boolean enabled;

    private final boolean wafInspected;

    /** {@code gateway.fast-proxy.one-write-max-size} in bytes: a body up to this length goes out with its headers. */
    private final long oneWriteMaxBytes;

    private final CdnSettingsStore settingsStore;

    private final WafStage waf;

    private final OriginResolver resolver;

    private final OriginMetrics originMetrics;

    private final boolean edgeRetry;

    private final String profile;

    private final HttpClient client;

    private final Duration responseTimeout;

    /** The response timeout's clock: the visitor's event loop ({@link EventLoopTimers}). */
    private final EventLoopTimers timers;

    private final List<MediaType> streamingMediaTypes;

    private final FastHitMeters meters;

    private final Pipeline parts;

    /** Requests proxied here, for the tests that compare this path's answers with the pipeline's. */
    private final LongAdder taken = new LongAdder();

    /** The header filters, read with the routes (before any request is taken here). */
    private volatile List<HttpHeadersFilter> headersFilters = List.of();

    /** Their work on one copy of the headers while they are the ones it stands in for; else null. */
    private volatile HeaderFiltersInOneCopy headersInOneCopy;

    /** {@code spring.cloud.gateway.server.webflux.trusted-proxies}, which the X-Forwarded-* filter was built from. */
    private final String trustedProxies;

    /** null until the routes and filters were read; then whether requests may be taken here. */
    private volatile Boolean siteRouteOnly;

    private final AtomicBoolean checking = new AtomicBoolean();

    /** The origin base ({@code scheme://host[:port]}) of the answer last used. */
    private final AtomicReference<OriginBase> lastBase = new AtomicReference<>();

    /** What the pipeline's own beans contribute, looked up once the context is ready (they are created after this). */
    interface Pipeline {

        List<HttpHeadersFilter> headersFilters();

        EdgeErrorHandler errorHandler();

        RouteLocator routeLocator();

        List<GlobalFilter> globalFilters();

        List<WebFilter> webFilters();
    }

    ProxiedFastPath(
            boolean enabled,
            boolean wafInspected,
            long oneWriteMaxBytes,
            CdnSettingsStore settingsStore,
            WafStage waf,
            OriginResolver resolver,
            OriginMetrics originMetrics,
            boolean edgeRetry,
            String profile,
            HttpClient client,
            HttpClientProperties clientProperties,
            List<MediaType> streamingMediaTypes,
            String trustedProxies,
            FastHitMeters meters,
            VisitorsLoops visitorsLoops,
            Pipeline parts) {
        super(ORDER);
        this.enabled = enabled;
        this.wafInspected = wafInspected;
        this.oneWriteMaxBytes = oneWriteMaxBytes;
        this.settingsStore = settingsStore;
        this.waf = waf;
        this.resolver = resolver;
        this.originMetrics = originMetrics;
        this.edgeRetry = edgeRetry;
        this.profile = profile;
        // NettyRoutingFilter sets the connect timeout on a copy of the client per request; once here.
        this.client = client == null || clientProperties.getConnectTimeout() == null
                ? client
                : client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, clientProperties.getConnectTimeout());
        this.responseTimeout = clientProperties.getResponseTimeout();
        this.streamingMediaTypes = List.copyOf(streamingMediaTypes);
        this.trustedProxies = trustedProxies;
        this.meters = meters;
        this.timers = new EventLoopTimers(visitorsLoops);
        this.parts = parts;
    }

    @Override
    public void onApplicationEvent(RefreshRoutesResultEvent event) {
        siteRouteOnly = null;
        check();
    }

    @Override
    boolean appliesTo(HttpHandler pipeline) {
        // The exchange the header filters read is made by the pipeline's own adapter (proxy, below).
        return enabled && client != null && pipeline instanceof HttpWebHandlerAdapter;
    }

    @Override
    Taken judge(ServerHttpRequest request) {
        return takes(request);
    }

    @Override
    Mono<Void> answer(HttpHandler pipeline, ServerHttpRequest request, ServerHttpResponse response, Taken taken) {
        return proxy((HttpWebHandlerAdapter) pipeline, request, response, taken);
    }

    /**
     * A request taken here: the origin the pipeline would proxy it to, and whether the WAF stage inspects it first
     * (a policy is on; {@link WafStage#inspect}).
     */
    record Taken(ResolveAnswer origin, boolean inspected) {}

    long taken() {
        return taken.sum();
    }

    /** Whether the header filters' work is done on one copy of the headers ({@link HeaderFiltersInOneCopy}). */
    boolean headersInOneCopy() {
        return headersInOneCopy != null;
    }

    /** The origin the pipeline would proxy the request to, or null to leave the request to the pipeline. */
    Taken takes(ServerHttpRequest request) {
        Boolean routeKnown = siteRouteOnly;
        if (routeKnown == null) {
            check();
            return null;
        }
        HttpMethod method = request.getMethod();
        if (!routeKnown
                || edgeRetry
                || !(method == HttpMethod.GET || method == HttpMethod.HEAD)
                || request.getHeaders().containsHeader(HttpHeaders.UPGRADE)
                || settingsStore.current().enabled()
                || CdnFastHits.ownPath(request.getURI().getRawPath(), request)) {
            return null;
        }
        WafStage.Ahead ahead = waf.ahead(request);
        if (ahead == WafStage.Ahead.PIPELINE || (ahead == WafStage.Ahead.INSPECTED && !wafInspected)) {
            return null;
        }
        ResolveAnswer origin = resolver.usableAnswer(profile);
        return origin == null ? null : new Taken(origin, ahead == WafStage.Ahead.INSPECTED);
    }

    private Mono<Void> proxy(
            HttpWebHandlerAdapter adapter, ServerHttpRequest request, ServerHttpResponse response, Taken taken) {
        ServerWebExchange exchange = new DefaultServerWebExchange(
                request,
                response,
                adapter.getSessionManager(),
                adapter.getCodecConfigurer(),
                adapter.getLocaleContextResolver());
        this.taken.increment();
        FastHitMeters.Sample sample = meters.start(request, response);
        // As EdgeReferenceFilter: on the response now, and again just before commit (the origin's headers come later).
        String reference = EdgeReference.of(exchange);
        response.getHeaders().set(EdgeReference.HEADER, reference);
        response.beforeCommit(() -> {
            response.getHeaders().set(EdgeReference.HEADER, reference);
            return Mono.empty();
        });
        AtomicReference<Connection> connection = new AtomicReference<>();
        AtomicReference<Throwable> handled = new AtomicReference<>();
        ResolveAnswer origin = taken.origin();
        // As the route's filters: the WAF stage first (which may answer the request itself: a block, a redirect, 503
        // when its threads are busy), on its inspection thread; the origin only for a request it lets through.
        AtomicBoolean sent = new AtomicBoolean();
        Mono<Void> forwarded = taken.inspected()
                ? waf.inspect(exchange).flatMap(onwards -> {
                    sent.set(onwards);
                    return onwards ? toOrigin(exchange, request, response, origin, connection) : Mono.empty();
                })
                : toOrigin(exchange, request, response, origin, connection);
        return forwarded
                .doOnError(error -> cleanup(connection.get()))
                .onErrorResume(error -> {
                    Throwable answeredError = error;
                    // An origin's failure only once the request went to it (not a failure of the inspection).
                    Optional<OriginFailure> failure =
                            !taken.inspected() || sent.get() ? OriginFailure.classify(error) : Optional.empty();
                    if (failure.isPresent()) {
                        originMetrics.originFailed(origin, failure.get());
                        answeredError = new OriginFailureException(failure.get(), origin, error);
                    }
                    handled.set(answeredError);
                    return parts.errorHandler().handle(exchange, answeredError);
                })
                .then(Mono.defer(response::setComplete))
                .doOnSuccess(done -> meters.stop(sample, request, response, handled.get(), false))
                .doOnError(error -> meters.stop(sample, request, response, error, false))
                .doOnCancel(() -> {
                    cleanup(connection.get());
                    meters.stop(sample, request, response, null, true);
                });
    }

    /** The request sent to the origin and its answer written back, as the route's filters after the WAF's do. */
    private Mono<Void> toOrigin(
            ServerWebExchange exchange,
            ServerHttpRequest request,
            ServerHttpResponse response,
            ResolveAnswer origin,
            AtomicReference<Connection> connection) {
        // As CdnFilter passes a request on while the CDN is off (Front Door's answer on a route without caching).
        response.beforeCommit(() -> {
            response.getHeaders().set(XCache.HEADER, XCache.CONFIG_NOCACHE.name());
            return Mono.empty();
        });
        originMetrics.requestSent(origin);
        List<HttpHeadersFilter> headersFilters = this.headersFilters;
        HeaderFiltersInOneCopy oneCopy = this.headersInOneCopy;
        HttpHeaders inOneCopy = oneCopy == null ? null : oneCopy.request(exchange);
        HttpHeaders filtered =
                inOneCopy != null ? inOneCopy : HttpHeadersFilter.filterRequest(headersFilters, exchange);
        io.netty.handler.codec.http.HttpMethod method = io.netty.handler.codec.http.HttpMethod.valueOf(
                request.getMethod().name());
        Flux<Void> answered = client.headers(headers -> {
                    filtered.forEach(headers::set);
                    // Set by the client from the origin's URL, as NettyRoutingFilter leaves it (no PreserveHostHeader).
                    headers.remove(HttpHeaders.HOST);
                })
                .request(method)
                // As a URI, as NettyRoutingFilter hands it over: Reactor Netty reads a URI's parts as they are, but
                // matches a String against its URL regex (UriEndpointFactory) on every request, 4-5 % of the event
                // loop's samples (docs/benchmarks.md "The proxied page, seventh round"). The string is made of the
                // parts of URIs already parsed (the origin's, the request's raw path and query), so it parses.
                .uri(URI.create(originUrl(request.getURI(), origin.url())))
                .send((clientRequest, outbound) ->
                        outbound.send(request.getBody().map(ProxiedFastPath::byteBuf)))
                .responseConnection((clientResponse, origins) -> {
                    connection.set(origins);
                    setStatus(clientResponse.status().code(), response);
                    if (oneCopy != null
                            && oneCopy.copyResponse(
                                    clientResponse.responseHeaders(), response.getHeaders(), exchange)) {
                        // (the Transfer-Encoding check below removes nothing: hop-by-hop removal took it)
                        return Mono.<Void>empty();
                    }
                    HttpHeaders headers = new HttpHeaders();
                    clientResponse.responseHeaders().forEach(entry -> headers.add(entry.getKey(), entry.getValue()));
                    HttpHeaders answer = HttpHeadersFilter.filter(
                            headersFilters, headers, exchange, HttpHeadersFilter.Type.RESPONSE);
                    if (!answer.containsHeader(HttpHeaders.TRANSFER_ENCODING)
                            && answer.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
                        answer.remove(HttpHeaders.TRANSFER_ENCODING);
                    }
                    response.getHeaders().addAll(answer);
                    return Mono.<Void>empty();
                });
        Flux<Void> timed = responseTimeout == null
                ? answered
                : answered.timeout(
                                responseTimeout,
                                Mono.defer(
                                        () -> Mono.error(new org.springframework.cloud.gateway.support.TimeoutException(
                                                "Response took longer than timeout: " + responseTimeout))),
                                timers.of(request))
                        .onErrorMap(
                                org.springframework.cloud.gateway.support.TimeoutException.class,
                                timeout -> new ResponseStatusException(
                                        HttpStatus.GATEWAY_TIMEOUT, timeout.getMessage(), timeout));
        return timed.then(Mono.defer(() -> writeBody(request.getMethod(), response, connection.get())));
    }

    /**
     * As NettyWriteResponseFilter writes the origin's body, except that a body of a known length up to {@code
     * gateway.fast-proxy.one-write-max-size} is gathered first (joined by the buffer factory, no copy: the origin's
     * buffers become one composite buffer, or stay the one buffer they were) and handed to the server as one {@code
     * Mono}. Reactor Netty then writes the status, the headers and the body as one full response with one flush,
     * instead of flushing the headers, then each body chunk, then the end of the response (issue 16, target 2b;
     * docs/benchmarks.md "The proxied page, seventh round": one write fewer per page, the flushes 11 % of the event
     * loop). The answer's bytes are the same, and so is the answer to an origin that fails part-way: the chunks that
     * arrived and the failure are handed on in the order they came, as the pipeline streams them (the headers and a
     * cut body, or the edge's 502 when no chunk came).
     */
    private Mono<Void> writeBody(HttpMethod method, ServerHttpResponse response, Connection origin) {
        if (origin == null) {
            return Mono.empty();
        }
        NettyDataBufferFactory factory = (NettyDataBufferFactory) response.bufferFactory();
        Flux<DataBuffer> body = origin.inbound().receive().retain().map(buffer -> (DataBuffer) factory.wrap(buffer));
        MediaType contentType = null;
        try {
            contentType = response.getHeaders().getContentType();
        } catch (RuntimeException unparsable) {
            // as NettyWriteResponseFilter: written as a whole
        }
        if (streaming(contentType)) {
            return response.writeAndFlushWith(body.map(Flux::just));
        }
        long length = response.getHeaders().getContentLength();
        if (method != HttpMethod.HEAD && length > 0 && length <= oneWriteMaxBytes) {
            // The body's signals gathered (an error among them, not raised while gathering); buffers still held when
            // the visitor goes away are released.
            return body.materialize()
                    .collectList()
                    .doOnDiscard(Signal.class, ProxiedFastPath::release)
                    .flatMap(signals -> {
                        int buffers = signals.size() - 1;
                        Signal<DataBuffer> end = signals.get(buffers);
                        if (buffers == 0) {
                            // Nothing arrived: the same signals as the pipeline's, so the same answer (the edge's
                            // 502 for a failure, an empty body for none).
                            return response.writeWith(Flux.fromIterable(signals).<DataBuffer>dematerialize());
                        }
                        List<DataBuffer> arrived = new ArrayList<>(buffers);
                        for (int i = 0; i < buffers; i++) {
                            arrived.add(signals.get(i).get());
                        }
                        if (end.isOnComplete()) {
                            return response.writeWith(
                                    Mono.just(response.bufferFactory().join(arrived)));
                        }
                        // An origin that failed part-way: what arrived is written and flushed as one group, then
                        // the failure cuts the visitor's connection, as the pipeline streams it. Not the chunks and
                        // the error as one Flux: Spring's ChannelSendOperator drops a first chunk still cached when
                        // an error follows it before the write has started (it did, once in CI, the origin's
                        // connection on another event loop than the visitor's).
                        return response.writeAndFlushWith(
                                Flux.just(Flux.fromIterable(arrived), Flux.<DataBuffer>error(end.getThrowable())));
                    });
        }
        return response.writeWith(body);
    }

    private static void release(Signal<?> signal) {
        if (signal.get() instanceof DataBuffer buffer) {
            DataBufferUtils.release(buffer);
        }
    }

    private boolean streaming(MediaType contentType) {
        if (contentType == null) {
            return false;
        }
        for (MediaType streaming : streamingMediaTypes) {
            if (streaming.isCompatibleWith(contentType)) {
                return true;
            }
        }
        return false;
    }

    private static void cleanup(Connection connection) {
        if (connection != null && connection.channel().isActive()) {
            connection.dispose();
        }
    }

    private static ByteBuf byteBuf(DataBuffer buffer) {
        return ((NettyDataBuffer) buffer).getNativeBuffer();
    }

    private static void setStatus(int code, ServerHttpResponse response) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status != null) {
            response.setStatusCode(status);
            return;
        }
        ServerHttpResponse plain = response;
        while (plain instanceof ServerHttpResponseDecorator decorator) {
            plain = decorator.getDelegate();
        }
        if (plain instanceof AbstractServerHttpResponse abstractResponse) {
            abstractResponse.setRawStatusCode(code);
        }
    }

    /**
     * The origin's scheme, host and port and the request's path and query as the pipeline sends them: {@code
     * RouteToRequestUrlFilter} rebuilds the request URL with a {@code UriComponentsBuilder}, which parses a query into
     * parameters and joins them again ({@code ?a=&&b} becomes {@code ?a=&b}, a repeated name's values are put
     * together), then {@code TrafficManagerOriginFilter.toOrigin} puts its raw path and query after the origin. A path
     * without a query or a percent sign comes out of the builder as it went in, so only a request with either pays for
     * the builder here.
     */
    String originUrl(URI requestUrl, URI origin) {
        OriginBase last = lastBase.get();
        if (last == null || last.origin() != origin) {
            String host = origin.getHost();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            last = new OriginBase(
                    origin, origin.getScheme() + "://" + host + (origin.getPort() < 0 ? "" : ":" + origin.getPort()));
            lastBase.set(last);
        }
        String path = requestUrl.getRawPath();
        String query = requestUrl.getRawQuery();
        if (query != null || (path != null && path.indexOf('%') >= 0)) {
            URI merged = UriComponentsBuilder.fromUri(requestUrl)
                    .scheme(TrafficManagerOriginFilter.SCHEME)
                    .host(profile)
                    .port(-1)
                    .build(ServerWebExchangeUtils.containsEncodedParts(requestUrl))
                    .toUri();
            path = merged.getRawPath();
            query = merged.getRawQuery();
        }
        StringBuilder url = new StringBuilder(last.base().length() + 64);
        url.append(last.base()).append(path == null || path.isEmpty() ? "/" : path);
        if (query != null) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    /** Reads the routes and filters (Spring Cloud Gateway's cached route list: no I/O) without blocking the caller. */
    private void check() {
        if (!enabled || client == null || !checking.compareAndSet(false, true)) {
            return;
        }
        boolean filtersKnown;
        RouteLocator routes;
        try {
            filtersKnown = known(parts.globalFilters(), GLOBAL_FILTERS_STOOD_IN_FOR)
                    && known(parts.webFilters(), WEB_FILTERS_STOOD_IN_FOR);
            routes = parts.routeLocator();
            headersFilters = parts.headersFilters();
            headersInOneCopy = HeaderFiltersInOneCopy.of(headersFilters, trustedProxies);
            if (headersInOneCopy == null) {
                log.info(
                        "The header filters {} are not the ones HeaderFiltersInOneCopy stands in for: each runs on its"
                                + " own copy of the headers",
                        headersFilters.stream().map(f -> f.getClass().getName()).toList());
            }
        } catch (RuntimeException notReady) {
            checking.set(false);
            return;
        }
        if (!filtersKnown || routes == null) {
            siteRouteOnly = false;
            checking.set(false);
            return;
        }
        routes.getRoutes()
                .collectList()
                .doFinally(signal -> checking.set(false))
                .subscribe(
                        list -> {
                            siteRouteOnly = siteRouteOnly(list, profile);
                            log.info(
                                    siteRouteOnly
                                            ? "Requests for the site are proxied ahead of the web pipeline"
                                            : "Every request takes the web pipeline: the routes are not the site's"
                                                    + " route alone");
                        },
                        error -> siteRouteOnly = false);
    }

    private static boolean known(List<?> filters, Set<String> stoodInFor) {
        for (Object filter : filters) {
            if (!stoodInFor.contains(filter.getClass().getName())) {
                log.info(
                        "Every request takes the web pipeline: the filter {} is not one the proxied fast path stands in"
                                + " for",
                        filter.getClass().getName());
                return false;
            }
        }
        return true;
    }

    /** Whether the only route is the site's: {@code tm://{profile}} for every path, no filters, no metadata. */
    static boolean siteRouteOnly(List<Route> routes, String profile) {
        if (routes.size() != 1) {
            return false;
        }
        Route route = routes.get(0);
        URI uri = route.getUri();
        if (!TrafficManagerOriginFilter.SCHEME.equalsIgnoreCase(uri.getScheme())
                || !profile.equals(uri.getHost())
                || !route.getFilters().isEmpty()
                || !route.getMetadata().isEmpty()) {
            return false;
        }
        AtomicBoolean everyPath = new AtomicBoolean(true);
        AtomicBoolean seen = new AtomicBoolean();
        route.getPredicate().accept(predicate -> {
            seen.set(true);
            if (!(predicate.getConfig() instanceof PathRoutePredicateFactory.Config path)
                    || !List.of("/**").equals(path.getPatterns())) {
                everyPath.set(false);
            }
        });
        return seen.get() && everyPath.get();
    }

    /** An origin URI and its {@code scheme://host[:port]}: the resolver hands out one answer object per TTL. */
    private record OriginBase(URI origin, String base) {}
}
