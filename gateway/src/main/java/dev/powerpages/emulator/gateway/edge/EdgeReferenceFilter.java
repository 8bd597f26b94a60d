package dev.powerpages.emulator.gateway.edge;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request its {@link EdgeReference}: on the response, the gateway's own and error
 * responses included, as Front Door does. The request forwarded to the origin gets it from
 * {@link EdgeReferenceHeadersFilter}, where the gateway builds the origin's headers anyway, so that a
 * request answered at the edge (a CDN hit, an error) pays for no copy of its headers.
 */
public class EdgeReferenceFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return EdgeFilterOrder.REFERENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String reference = EdgeReference.of(exchange);
        exchange.getResponse().getHeaders().set(EdgeReference.HEADER, reference);
        // Set again just before commit: an origin response's headers are added after this point.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(EdgeReference.HEADER, reference);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
