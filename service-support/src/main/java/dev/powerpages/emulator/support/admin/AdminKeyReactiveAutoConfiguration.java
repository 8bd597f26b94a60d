package dev.powerpages.emulator.support.admin;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ReactiveAuthenticationManagerAdapter;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin key for reactive services (the gateway): a {@link SecurityWebFilterChain} over {@code stack.admin.paths}
 * only, in which an {@link AuthenticationWebFilter} reads the header, {@link AdminKeyAuthenticationManager} (the same
 * check as the servlet services') compares it and the paths require the {@link AdminKeyAuthentication#ADMIN}
 * authority. The path patterns match the decoded path without matrix parameters, as the handler mappings do, so
 * {@code /_edge/%61dmin/waf} or {@code /_edge/admin;x/waf} cannot reach an admin handler around the key.
 */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "org.springframework.security.web.server.SecurityWebFilterChain")
@EnableConfigurationProperties(AdminKeyProperties.class)
public class AdminKeyReactiveAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveAdminKeyRejection reactiveAdminKeyRejection(AdminKeyProperties properties) {
        return ReactiveAdminKeyRejection.envelope(properties.header());
    }

    @Bean
    @Order(AdminKeyServletAutoConfiguration.ORDER)
    @ConditionalOnMissingBean(name = "adminKeyWebFilterChain")
    SecurityWebFilterChain adminKeyWebFilterChain(
            ServerHttpSecurity http, AdminKeyProperties properties, ReactiveAdminKeyRejection rejection) {
        ReactiveAuthenticationManagerAdapter manager =
                new ReactiveAuthenticationManagerAdapter(new AdminKeyAuthenticationManager(properties.key()));
        // A comparison of a few bytes: no reason to leave the event loop (the adapter's default is boundedElastic).
        manager.setScheduler(Schedulers.immediate());
        AuthenticationWebFilter authentication = new AuthenticationWebFilter(manager);
        authentication.setServerAuthenticationConverter(
                exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(properties.header()))
                        .map(AdminKeyAuthentication::presented));
        authentication.setAuthenticationFailureHandler(
                (filterExchange, exception) -> rejection.reject(filterExchange.getExchange(), AdminKeyFailure.WRONG));
        return http.securityMatcher(matcher(properties.adminPaths()))
                .authorizeExchange(exchanges -> exchanges.anyExchange().hasAuthority(AdminKeyAuthentication.ADMIN))
                .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(
                                (exchange, exception) -> rejection.reject(exchange, AdminKeyFailure.MISSING))
                        .accessDeniedHandler(
                                (exchange, exception) -> rejection.reject(exchange, AdminKeyFailure.MISSING)))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                // A header, not a cookie: nothing for CSRF to ride on. The answers' headers stay the service's.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .build();
    }

    static ServerWebExchangeMatcher matcher(List<AdminPath> paths) {
        if (paths.isEmpty()) {
            return exchange -> ServerWebExchangeMatcher.MatchResult.notMatch();
        }
        List<ServerWebExchangeMatcher> matchers = paths.stream()
                .flatMap(path -> path.methods().isEmpty()
                        ? java.util.stream.Stream.of(new PathPatternParserServerWebExchangeMatcher(path.pattern()))
                        : path.methods().stream()
                                .map(method -> new PathPatternParserServerWebExchangeMatcher(path.pattern(), method)))
                .map(ServerWebExchangeMatcher.class::cast)
                .toList();
        return new OrServerWebExchangeMatcher(matchers);
    }
}
