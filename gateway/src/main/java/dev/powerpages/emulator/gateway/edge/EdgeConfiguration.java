package dev.powerpages.emulator.gateway.edge;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	EdgeReferenceFilter edgeReferenceFilter() {
		return new EdgeReferenceFilter();
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
