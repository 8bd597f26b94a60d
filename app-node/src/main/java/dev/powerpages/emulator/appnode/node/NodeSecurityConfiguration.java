package dev.powerpages.emulator.appnode.node;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OAuth2 client starter brings Spring Security's servlet filters along; this node only uses the client side
 * (to call the store). The site is public to anonymous visitors, so this chain permits everything; the node's admin
 * endpoints ({@code stack.admin.paths}) are matched first by the starter's admin-key chain (service-support), which
 * an unordered chain like this one comes after. Response headers (caching, X-Frame-Options, ...) are the
 * site's to set, as in Power Pages ({@code HTTP/*} site settings), so Spring Security adds none.
 */
@Configuration(proxyBeanMethods = false)
class NodeSecurityConfiguration {

    @Bean
    SecurityFilterChain siteFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true));
        return http.build();
    }
}
