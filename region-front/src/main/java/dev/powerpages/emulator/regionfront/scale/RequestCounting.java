package dev.powerpages.emulator.regionfront.scale;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts every request the front passes on to the region's instances (the site's traffic): the autoscaler's
 * measure. The front's own endpoints ({@code /_services/…}: probes, chaos, scale) are not load.
 */
@Component
class RequestCounting implements WebFilter, Ordered {

    private final RequestRate rate;

    RequestCounting(RequestRate rate) {
        this.rate = rate;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/_services/")) {
            rate.record();
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
