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
        String reference = EdgeReference.of(exchange);
        // The header filters before this one (hop-by-hop removal, X-Forwarded-*) each hand on a new, writable copy of
        // the headers: the reference is set in it rather than in one more copy of every header (issue 16, a copy per
        // proxied request). The request's own headers, which are read-only, are copied as before.
        if (input != exchange.getRequest().getHeaders()) {
            try {
                input.set(EdgeReference.HEADER, reference);
                return input;
            } catch (UnsupportedOperationException readOnly) {
                // another read-only view: copied below
            }
        }
        HttpHeaders forwarded = HttpHeaders.copyOf(input);
        forwarded.set(EdgeReference.HEADER, reference);
        return forwarded;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
