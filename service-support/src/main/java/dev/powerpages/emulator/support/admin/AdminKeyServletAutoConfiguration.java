package dev.powerpages.emulator.support.admin;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The admin key for servlet services (app node, store, traffic manager with its dashboard): a
 * {@link SecurityFilterChain} over {@code stack.admin.paths} only, in which Spring Security's
 * {@link AuthenticationFilter} reads the header, {@link AdminKeyAuthenticationManager} checks it and the paths
 * require the {@link AdminKeyAuthentication#ADMIN} authority. Requests elsewhere never enter this chain.
 *
 * <p>Ordered {@link #ORDER}, ahead of the services' own chains (the store's token endpoint, Web API and open chains
 * are 1 to 3, the traffic manager's ARM chain is unordered), whose matchers do not cover admin paths; a chain that
 * matches everything (the app node's permit-all) must come after it, as an unordered chain does.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
@EnableConfigurationProperties(AdminKeyProperties.class)
public class AdminKeyServletAutoConfiguration {

    /** The admin chain's place among the service's security filter chains. */
    public static final int ORDER = 0;

    @Bean
    @ConditionalOnMissingBean
    AdminKeyRejection adminKeyRejection(AdminKeyProperties properties) {
        return AdminKeyRejection.envelope(properties.header());
    }

    @Bean
    @Order(ORDER)
    @ConditionalOnMissingBean(name = "adminKeyFilterChain")
    SecurityFilterChain adminKeyFilterChain(
            HttpSecurity http, AdminKeyProperties properties, AdminKeyRejection rejection) throws Exception {
        AuthenticationFilter authentication =
                new AuthenticationFilter(new AdminKeyAuthenticationManager(properties.key()), request -> {
                    String presented = request.getHeader(properties.header());
                    return presented == null ? null : AdminKeyAuthentication.presented(presented);
                });
        // The request goes on to its handler (the filter's default would redirect to a saved request).
        authentication.setSuccessHandler((request, response, granted) -> {});
        authentication.setFailureHandler(
                (request, response, exception) -> rejection.reject(request, response, AdminKeyFailure.WRONG));
        http.securityMatcher(matcher(properties.adminPaths()))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(AdminKeyAuthentication.ADMIN))
                .addFilterBefore(authentication, AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, exception) ->
                                rejection.reject(request, response, AdminKeyFailure.MISSING))
                        .accessDeniedHandler((request, response, exception) ->
                                rejection.reject(request, response, AdminKeyFailure.MISSING)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                // A header, not a cookie: nothing for CSRF to ride on. The answers' headers stay the service's.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable());
        return http.build();
    }

    static RequestMatcher matcher(List<AdminPath> paths) {
        if (paths.isEmpty()) {
            return request -> false;
        }
        List<RequestMatcher> matchers = paths.stream()
                .flatMap(path -> path.methods().isEmpty()
                        ? java.util.stream.Stream.of(
                                PathPatternRequestMatcher.withDefaults().matcher(path.pattern()))
                        : path.methods().stream()
                                .map(method ->
                                        PathPatternRequestMatcher.withDefaults().matcher(method, path.pattern())))
                .map(RequestMatcher.class::cast)
                .toList();
        return new OrRequestMatcher(matchers);
    }
}
