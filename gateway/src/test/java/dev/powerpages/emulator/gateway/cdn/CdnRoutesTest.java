package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.handler.predicate.HostRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;

class CdnRoutesTest {

    private final PathRoutePredicateFactory path = new PathRoutePredicateFactory(new WebFluxProperties());

    private final HostRoutePredicateFactory host = new HostRoutePredicateFactory();

    private final GatewayFilter passing = (exchange, chain) -> chain.filter(exchange);

    @Test
    void routesChosenByTheirPathsAloneLetTheRouteOfAPathBeRemembered() {
        Route site = Route.async()
                .id("site")
                .uri("tm://contoso")
                .predicate(path.apply(c -> c.setPatterns(List.of("/**"))))
                .filter(new OrderedGatewayFilter(passing, 1))
                .build();
        Route files = Route.async()
                .id("files")
                .uri("http://127.0.0.1:1")
                .asyncPredicate(path.applyAsync(c -> c.setPatterns(List.of("/files/**")))
                        .and(path.applyAsync(c -> c.setPatterns(List.of("/files/*.css")))))
                .build();

        assertThat(CdnRoutes.byPathAlone(List.of(files, site))).isTrue();
    }

    @Test
    void aRouteChosenByAnythingButThePathOrWithAFilterBeforeTheCdnMakesEveryHitTakeThePipeline() {
        Route byHost = Route.async()
                .id("by-host")
                .uri("http://127.0.0.1:1")
                .asyncPredicate(path.applyAsync(c -> c.setPatterns(List.of("/**")))
                        .and(host.applyAsync(c -> c.setPatterns(List.of("www.contoso.example")))))
                .build();
        Route earlyFilter = Route.async()
                .id("early-filter")
                .uri("http://127.0.0.1:1")
                .predicate(path.apply(c -> c.setPatterns(List.of("/**"))))
                .filter(new OrderedGatewayFilter(passing, Ordered.HIGHEST_PRECEDENCE))
                .build();

        assertThat(CdnRoutes.byPathAlone(List.of(byHost))).isFalse();
        assertThat(CdnRoutes.byPathAlone(List.of(earlyFilter))).isFalse();
    }
}
