package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.arm.auth.ArmActions;
import dev.powerpages.emulator.trafficmanager.arm.auth.ArmChallenge;
import dev.powerpages.emulator.trafficmanager.arm.auth.ArmTokenValidator;
import dev.powerpages.emulator.trafficmanager.arm.auth.RoleAssignments;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call the resource-manager endpoint: an OAuth2 resource server (Spring Security) that takes the store's
 * access tokens for Azure Resource Manager, checked against the store's published keys ({@code jwk-set-uri}) and
 * ARM's rules ({@link ArmTokenValidator}), then the principal's role on the subscription ({@link RoleAssignments}).
 * It covers only requests to the ARM connector: the traffic manager's own port keeps its admin key and open reads,
 * with no Spring Security filter in the way. {@code /metadata/endpoints} is public, as Azure's is.
 */
@Configuration(proxyBeanMethods = false)
class ArmSecurityConfiguration {

    @Bean
    RoleAssignments armRoleAssignments(ArmProperties properties) {
        return new RoleAssignments(properties.roleAssignments());
    }

    @Bean
    JwtDecoder armJwtDecoder(ArmProperties properties) {
        ArmProperties.Identity identity = properties.identity();
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(identity.jwkSetUri()).build();
        decoder.setJwtValidator(new ArmTokenValidator(
                identity.issuers(), identity.audiences(), identity.authorizationUri(), Clock.systemUTC()));
        return decoder;
    }

    @Bean
    SecurityFilterChain armChain(
            HttpSecurity http,
            ArmConnector connector,
            ArmProperties properties,
            JwtDecoder armJwtDecoder,
            RoleAssignments roles,
            ArmErrorResponses errors)
            throws Exception {
        ArmChallenge challenge = new ArmChallenge(properties.identity().authorizationUri(), errors::write);
        http.securityMatcher(connector::servedHere)
                .authorizeHttpRequests(requests -> requests.requestMatchers(ArmSecurityConfiguration::isPublic)
                        .permitAll()
                        .anyRequest()
                        .access(access(roles)))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(armJwtDecoder))
                        .authenticationEntryPoint(challenge)
                        .accessDeniedHandler(denied(errors)))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(challenge).accessDeniedHandler(denied(errors)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // Bearer tokens only, no cookies: nothing for CSRF to ride on.
                .csrf(csrf -> csrf.disable())
                // The traffic manager's SecurityHeadersFilter already sets the browser headers.
                .headers(headers -> headers.disable());
        return http.build();
    }

    /** The cloud's metadata document is public, as {@code https://management.azure.com/metadata/endpoints} is. */
    private static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI().toLowerCase(java.util.Locale.ROOT);
        return path.equals("/metadata/endpoints") || path.equals("/metadata/endpoints/");
    }

    /**
     * Reads need any role on the subscription; changes need Owner or Contributor. Listing subscriptions and tenants
     * only needs a valid token (ARM lists those a principal can see, possibly none).
     */
    private static AuthorizationManager<RequestAuthorizationContext> access(RoleAssignments roles) {
        return (authentication, context) -> {
            if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
                return new AuthorizationDecision(false);
            }
            HttpServletRequest request = context.getRequest();
            if (isDirectoryListing(request)) {
                return new AuthorizationDecision(true);
            }
            return new AuthorizationDecision(roles.permits(token.getToken(), request.getMethod()));
        };
    }

    private static boolean isDirectoryListing(HttpServletRequest request) {
        String path = request.getRequestURI().toLowerCase(java.util.Locale.ROOT).replaceAll("/+$", "");
        return request.getMethod().equals("GET")
                && List.of("/subscriptions", "/tenants").contains(path);
    }

    /** ARM's 403: {@code AuthorizationFailed}, naming the client, the action and the scope. */
    private static AccessDeniedHandler denied(ArmErrorResponses errors) {
        return (request, response, exception) -> {
            String client = "unknown";
            String objectId = "unknown";
            if (request.getUserPrincipal() instanceof JwtAuthenticationToken token) {
                Jwt jwt = token.getToken();
                client = RoleAssignments.clientId(jwt);
                objectId = RoleAssignments.objectId(jwt);
            }
            String scope = request.getRequestURI();
            errors.write(
                    response,
                    403,
                    "AuthorizationFailed",
                    "The client '" + client + "' with object id '"
                            + objectId + "' does not have authorization to perform action '"
                            + ArmActions.of(request.getMethod(), scope) + "' over scope '" + scope
                            + "' or the scope is invalid. If access was recently granted, please refresh your credentials.");
        };
    }
}
