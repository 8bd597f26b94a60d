package dev.powerpages.emulator.gateway.admin;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

	@Bean
	AdminKeyFilter adminKeyFilter(AdminProperties properties, JsonMapper jsonMapper) {
		return new AdminKeyFilter(properties, jsonMapper);
	}

}
