package dev.powerpages.emulator.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;

class SiteRouteMappingFirstTest {

    private final FilteringWebHandler gatewayHandler = new FilteringWebHandler(List.of(), false);

    private final SiteRouteMappingFirst mapping = new SiteRouteMappingFirst(new RoutePredicateHandlerMapping(
            gatewayHandler,
            () -> Flux.just(Route.async()
                    .id("site")
                    .uri("tm://contoso")
                    .predicate(exchange -> true)
                    .build()),
            new GlobalCorsProperties(),
            new MockEnvironment()));

    @Test
    void handsASitePathToTheGatewaysRoute() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/about/"));

        assertThat(mapping.getHandler(exchange).block()).isSameAs(gatewayHandler);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        assertThat(route.getId()).isEqualTo("site");
    }

    @Test
    void leavesTheEdgesOwnPathsToTheMappingsInTheirUsualOrder() {
        for (String path :
                List.of("/_edge/health", "/_edge/admin/waf", "/actuator/health", "/actuator", "/%5Fedge/x")) {
            // as sent, so that an encoded spelling reaches the mapping encoded
            MockServerWebExchange exchange =
                    MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)));

            assertThat(mapping.getHandler(exchange).block()).as(path).isNull();
            assertThat((Object) exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR))
                    .as(path)
                    .isNull();
        }
    }

    @Test
    void comesBeforeEveryOtherHandlerMapping() {
        assertThat(mapping.getOrder()).isEqualTo(Integer.MIN_VALUE);
    }
}
