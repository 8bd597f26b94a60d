package dev.powerpages.emulator.gateway.origin;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.addOriginalRequestUrl;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.reset;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves routes whose uri is {@code tm://{profile}}: asks the {@link OriginResolver} which
 * endpoint takes the profile's traffic and rewrites the request URL to that endpoint, keeping
 * path and query. It works as {@link ReactiveLoadBalancerClientFilter} does for {@code lb://},
 * and at the same point in the chain (after the route's URL is built).
 * <p>
 * With {@link EdgeRetryProperties edge retry} on, a GET or HEAD whose origin refuses the connection,
 * or closes it before any of the response arrived, is sent once more, to the answer's first fallback (the
 * next endpoint by priority). A killed origin does both: the connections the edge kept open to it are cut,
 * under requests in flight and under the next ones sent on them, and new connections are refused. GET and
 * HEAD are idempotent, so a client may send them again after a connection fails (RFC 9110, 9.2.2); other
 * methods are not retried, even when refused, as Front Door keeps to GET and HEAD.
 */
public class TrafficManagerOriginFilter implements GlobalFilter, Ordered {

    public static final String SCHEME = "tm";

    /** The failures after which nothing of the response was read, so a fallback can answer instead. */
    private static final Set<OriginFailure> RETRIED =
            EnumSet.of(OriginFailure.CONNECTION_REFUSED, OriginFailure.CONNECTION_CLOSED);

    /** Exchange attribute holding the {@link ResolveAnswer} the request was sent to. */
    public static final String RESOLVED_ORIGIN_ATTR = TrafficManagerOriginFilter.class.getName() + ".origin";

    private final OriginResolver resolver;

    private final OriginMetrics metrics;

    private final EdgeRetryProperties edgeRetry;

    /** The origin base of the last answer used (one answer serves every request for its TTL). */
    private volatile OriginBase lastBase;

    public TrafficManagerOriginFilter(OriginResolver resolver, OriginMetrics metrics, EdgeRetryProperties edgeRetry) {
        this.resolver = resolver;
        this.metrics = metrics;
        this.edgeRetry = edgeRetry;
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.ORIGIN_RESOLUTION;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !SCHEME.equalsIgnoreCase(url.getScheme())) {
            return chain.filter(exchange);
        }
        addOriginalRequestUrl(exchange, url);
        String profile = url.getHost();
        return resolver.resolve(profile)
                .flatMap(origin -> forward(exchange, chain, url, origin, retryTarget(exchange, origin)));
    }

    private Mono<Void> forward(
            ServerWebExchange exchange,
            GatewayFilterChain chain,
            URI url,
            ResolveAnswer origin,
            ResolveAnswer retryOn) {
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, toOrigin(url, origin.url()));
        exchange.getAttributes().put(RESOLVED_ORIGIN_ATTR, origin);
        metrics.requestSent(origin);
        return chain.filter(exchange)
                .onErrorResume(error -> OriginFailure.classify(error).isPresent(), error -> {
                    OriginFailure failure = OriginFailure.classify(error).orElseThrow();
                    metrics.originFailed(origin, failure);
                    if (retryOn != null
                            && RETRIED.contains(failure)
                            && exchange.getAttribute(CLIENT_RESPONSE_ATTR) == null
                            && !exchange.getResponse().isCommitted()) {
                        metrics.retried(origin, retryOn);
                        reset(exchange); // as Spring Cloud Gateway's Retry filter does before routing again
                        return forward(exchange, chain, url, retryOn, null);
                    }
                    return Mono.error(new OriginFailureException(failure, origin, error));
                });
    }

    /** The endpoint a refused request goes to next, or null when edge retry does not apply. */
    private ResolveAnswer retryTarget(ServerWebExchange exchange, ResolveAnswer origin) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!edgeRetry.enabled()
                || !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                || origin.fallbacks().isEmpty()) {
            return null;
        }
        return origin.retriedOn(origin.fallbacks().get(0));
    }

    /**
     * The request's path and query on the origin's scheme, host and port. The request URL is a valid URI already
     * (Spring Cloud Gateway built it from the visitor's request line), so its raw path and query are put after the
     * origin's scheme and authority as they are: what the visitor sent is what the origin gets, as Front Door
     * forwards the path and query string unchanged. This replaced a {@code UriComponentsBuilder} per request, which
     * parsed the query into parameters, joined them again and encoded the result (issue 16: about 5 % of a proxied
     * request's CPU went to URI building); the origin's half of the string is made once per resolve answer.
     */
    URI toOrigin(URI requestUrl, URI origin) {
        String base = originBase(origin);
        String path = requestUrl.getRawPath();
        String query = requestUrl.getRawQuery();
        StringBuilder url = new StringBuilder(
                base.length() + (path == null ? 1 : path.length()) + (query == null ? 0 : query.length() + 1));
        url.append(base).append(path == null || path.isEmpty() ? "/" : path);
        if (query != null) {
            url.append('?').append(query);
        }
        return URI.create(url.toString());
    }

    /** The origin's {@code scheme://host[:port]}, kept for the answer the last request went to. */
    private String originBase(URI origin) {
        OriginBase last = lastBase;
        if (last == null || last.origin() != origin) {
            String host = origin.getHost();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]"; // an IPv6 literal
            }
            last = new OriginBase(
                    origin, origin.getScheme() + "://" + host + (origin.getPort() < 0 ? "" : ":" + origin.getPort()));
            lastBase = last;
        }
        return last.base();
    }

    /** An origin URI and its {@code scheme://host[:port]}: the resolver hands out one answer object per TTL. */
    private record OriginBase(URI origin, String base) {}
}
