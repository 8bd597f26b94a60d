package dev.powerpages.emulator.gateway.admin;

import dev.powerpages.emulator.gateway.edge.EdgeError;
import dev.powerpages.emulator.gateway.edge.EdgeHeaders;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import dev.powerpages.emulator.support.admin.AdminKeyFailure;
import dev.powerpages.emulator.support.admin.AdminKeyProperties;
import dev.powerpages.emulator.support.admin.ReactiveAdminKeyRejection;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge settings ({@code /_edge/admin/**}) need the admin key: the service-support starter's reactive chain checks
 * it over {@code stack.admin.paths} (application.yml); this is the edge's side of it.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeAdminSecurity {

    /** Where the edge settings live; {@code stack.admin.paths} guards everything under it. */
    public static final String PREFIX = "/_edge/admin";

    /**
     * Without the key: 401 in the edge's error shape, with the request's reference, as every answer the edge writes
     * itself (Front Door's error body quotes its {@code X-Azure-Ref}); the message says whether the key was missing
     * or wrong.
     */
    @Bean
    ReactiveAdminKeyRejection edgeAdminKeyRejection(JsonMapper jsonMapper) {
        return (exchange, failure) -> {
            String message = failure == AdminKeyFailure.MISSING
                    ? "The X-Admin-Key header is missing."
                    : "The X-Admin-Key header does not hold the admin key.";
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getHeaders().setCacheControl("no-store");
            EdgeHeaders.addTo(response.getHeaders());
            byte[] body =
                    jsonMapper.writeValueAsBytes(EdgeError.of("Unauthorized", message, EdgeReference.of(exchange)));
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        };
    }

    /**
     * Spring Security's web filter sees every request the edge takes, not only the admin paths its chain covers, and
     * by default its strict firewall would answer 400 to visitors' requests that Front Door passes to the WAF and
     * the origin (encoded characters, semicolons, unusual header values). Deciding about visitors' requests is the
     * WAF's job here; the admin chain matches paths as the handler mappings do (decoded, without matrix
     * parameters), so the firewall adds nothing to the key's protection.
     */
    @Bean
    ServerWebExchangeFirewall edgeFirewall() {
        return ServerWebExchangeFirewall.INSECURE_NOOP;
    }

    /**
     * Spring Security's web filter for the admin paths only ({@link SecurityForAdminPathsOnly}), while the
     * service-support starter's admin-key chain is the only security chain: a visitor's request does not walk the
     * security proxy to find out that no chain covers it (issue 16).
     */
    @Bean
    WebHttpHandlerBuilderCustomizer securityForAdminPathsOnly(
            ObjectProvider<AdminKeyProperties> properties, ListableBeanFactory beans) {
        List<String> chains = Arrays.asList(beans.getBeanNamesForType(SecurityWebFilterChain.class, false, false));
        AdminKeyProperties adminKey = properties.getIfAvailable();
        if (adminKey == null || !chains.equals(List.of("adminKeyWebFilterChain"))) {
            return builder -> {};
        }
        return new SecurityForAdminPathsOnly(adminKey.adminPaths());
    }
}
