package dev.powerpages.emulator.gateway.waf;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WafConfiguration {

	@Bean
	ManagedRuleCatalog managedRuleCatalog() {
		return new ManagedRuleCatalog();
	}

	@Bean
	WafPolicyStore wafPolicyStore(WafProperties properties, ManagedRuleCatalog catalog, JsonMapper jsonMapper) {
		return new WafPolicyStore(properties, catalog, jsonMapper);
	}

	@Bean
	WafLog wafLog(WafProperties properties) {
		return new WafLog(properties.logCapacity());
	}

	@Bean
	WafFilter wafFilter(WafPolicyStore store, WafLog wafLog, WafProperties properties, JsonMapper jsonMapper,
			ObjectProvider<Clock> clock) {
		return new WafFilter(store, wafLog, properties, jsonMapper, clock.getIfAvailable(Clock::systemUTC));
	}

}
