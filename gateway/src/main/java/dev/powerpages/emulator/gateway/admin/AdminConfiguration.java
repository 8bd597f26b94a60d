package dev.powerpages.emulator.gateway.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    AdminKeyFilter adminKeyFilter(AdminProperties properties, JsonMapper jsonMapper) {
        return new AdminKeyFilter(properties, jsonMapper);
    }
}
