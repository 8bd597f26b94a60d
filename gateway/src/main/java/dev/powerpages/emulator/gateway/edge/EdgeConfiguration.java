package dev.powerpages.emulator.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    EdgeReferenceFilter edgeReferenceFilter() {
        return new EdgeReferenceFilter();
    }

    @Bean
    EdgeReferenceHeadersFilter edgeReferenceHeadersFilter() {
        return new EdgeReferenceHeadersFilter();
    }

    @Bean
    EdgeOwnResponsesFilter edgeOwnResponsesFilter() {
        return new EdgeOwnResponsesFilter();
    }

    @Bean
    EdgeErrorHandler edgeErrorHandler(JsonMapper jsonMapper) {
        return new EdgeErrorHandler(jsonMapper);
    }
}
