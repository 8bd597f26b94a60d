package dev.powerpages.emulator.regionfront.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;

/**
 * Spring Security is on the front's classpath for the admin key only (the service-support starter's chain over
 * {@code stack.admin.paths}), but its web filter sees every visitor request the front passes to the instances, and
 * its strict firewall would answer 400 to requests the edge let through (encoded characters, semicolons, unusual
 * header values). The front must be invisible, as the gateway is to the WAF's decisions (its EdgeAdminSecurity makes
 * the same choice); the admin chain matches paths as the handler mappings do, so the firewall adds nothing to the key.
 */
@Configuration(proxyBeanMethods = false)
class FrontFirewall {

    @Bean
    ServerWebExchangeFirewall noStrictFirewall() {
        return ServerWebExchangeFirewall.INSECURE_NOOP;
    }
}
