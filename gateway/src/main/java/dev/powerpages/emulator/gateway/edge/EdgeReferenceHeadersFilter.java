package dev.powerpages.emulator.gateway.edge;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request's {@link EdgeReference} on the request the gateway sends to the origin, as Front Door
 * sends its {@code X-Azure-Ref}; a value the client sent is replaced, since only the edge may name its
 * requests. An {@link HttpHeadersFilter} is Spring Cloud Gateway's place for the origin's request
 * headers: it runs only for requests that go to an origin, last of the header filters.
 */
public class EdgeReferenceHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        // The headers given may be the request's own, which are read-only.
        HttpHeaders forwarded = HttpHeaders.copyOf(input);
        forwarded.set(EdgeReference.HEADER, EdgeReference.of(exchange));
        return forwarded;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
