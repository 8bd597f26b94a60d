package dev.powerpages.emulator.gateway.edge;

import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Asks the gateway's route mapping first for a visitor's request (issue 16, docs/benchmarks.md "The proxied page,
 * third round"). WebFlux asks its handler mappings in order: the actuator's endpoints (order -100), router functions
 * (-1), the edge's controllers (0) and only then the gateway's routes (1). For a request on the site every one before
 * the routes found nothing, the controllers' mapping after working out which of its mappings partly matched to
 * explain the miss, on every proxied request. Every endpoint of those mappings lives under the edge's own paths
 * ({@code /_edge/**}, {@code /actuator/**}: {@link EdgeOwnResponsesFilter#ownPath}), so for any other path their
 * answer is known to be none; this mapping, ahead of them all, hands such a request straight to the route mapping
 * (its CORS handling and route lookup as they are). An own path gets nothing here and goes through the mappings in
 * their usual order, so the edge's endpoints and its reserved prefixes still answer before any route; a site path
 * the routes do not match (none today: the site route is {@code Path=/**}) falls through to the usual order too.
 */
public class SiteRouteMappingFirst implements HandlerMapping, Ordered {

    private final RoutePredicateHandlerMapping routes;

    public SiteRouteMappingFirst(RoutePredicateHandlerMapping routes) {
        this.routes = routes;
    }

    @Override
    public Mono<Object> getHandler(ServerWebExchange exchange) {
        if (EdgeOwnResponsesFilter.ownPath(exchange.getRequest().getPath().pathWithinApplication())) {
            return Mono.empty();
        }
        return routes.getHandler(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
