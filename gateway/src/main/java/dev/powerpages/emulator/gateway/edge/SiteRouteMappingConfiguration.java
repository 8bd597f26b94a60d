package dev.powerpages.emulator.gateway.edge;

import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The site's route asked first ({@link SiteRouteMappingFirst}). Apart from {@link EdgeConfiguration}, which the web
 * slice tests load without Spring Cloud Gateway's routing: this needs the gateway's route mapping.
 */
@Configuration(proxyBeanMethods = false)
class SiteRouteMappingConfiguration {

    @Bean
    SiteRouteMappingFirst siteRouteMappingFirst(RoutePredicateHandlerMapping routes) {
        return new SiteRouteMappingFirst(routes);
    }
}
