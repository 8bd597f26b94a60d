package dev.powerpages.emulator.gateway.edge;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request its {@link EdgeReference}: on the response, the gateway's own and error
 * responses included, and on the request forwarded to the origin, as Front Door does. A value
 * sent by the client is replaced, since only the edge may name its requests.
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
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> headers.set(EdgeReference.HEADER, reference))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }
}
