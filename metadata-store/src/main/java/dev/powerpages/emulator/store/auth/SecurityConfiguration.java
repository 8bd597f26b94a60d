package dev.powerpages.emulator.store.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import dev.powerpages.emulator.store.StoreProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * Three filter chains: the token endpoint (Spring Authorization Server, shaped like Entra ID's
 * {@code /{tenant}/oauth2/v2.0/token}), the Web API (OAuth2 resource server accepting only this
 * store's tokens) and everything else (actuator, open).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Entra ID's usual access token lifetime as clients see it in {@code expires_in}. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3599);

    @Bean
    @Order(1)
    SecurityFilterChain tokenEndpointChain(HttpSecurity http, ObjectMapper mapper, StoreProperties properties) throws Exception {
        EntraTokenResponses responses = new EntraTokenResponses(mapper, properties.tenantId());
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.clientAuthentication(client -> client.errorResponseHandler(responses::failure))
                    .tokenEndpoint(token -> token.accessTokenResponseHandler(responses::success)
                            .errorResponseHandler(responses::failure));
        });
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webApiChain(HttpSecurity http, StoreProperties properties) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(dataverseChallenge(properties)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: nothing for CSRF to ride on.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain openChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * Dataverse answers 401 with {@code WWW-Authenticate: Bearer authorization_uri=…, resource_id=…} so
     * that clients can discover where to get a token; the resource server's error details follow.
     */
    private static AuthenticationEntryPoint dataverseChallenge(StoreProperties properties) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        String discovery = "Bearer authorization_uri=" + properties.publicUrl() + "/" + properties.tenantId()
                + "/oauth2/authorize, resource_id=" + properties.publicUrl() + "/";
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
            String details = challenge != null && challenge.startsWith("Bearer ") ? ", " + challenge.substring(7) : "";
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, discovery + details);
        };
    }

    @Bean
    RSAKey tokenSigningKey(StoreProperties properties) {
        return SigningKeys.load(properties);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey tokenSigningKey) {
        return new ImmutableJWKSet<>(new JWKSet(tokenSigningKey));
    }

    /** Validates tokens locally: this store's signature, issuer and audience, and expiry. */
    @Bean
    JwtDecoder jwtDecoder(RSAKey tokenSigningKey, StoreProperties properties) throws JOSEException {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(tokenSigningKey.toRSAPublicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.publicUrl())));
        return decoder;
    }

    /** Endpoints at Entra ID's paths under the configured tenant. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(StoreProperties properties) {
        String tenant = "/" + properties.tenantId();
        return AuthorizationServerSettings.builder()
                .issuer(properties.issuer())
                .tokenEndpoint(tenant + "/oauth2/v2.0/token")
                .jwkSetEndpoint(tenant + "/discovery/v2.0/keys")
                .authorizationEndpoint(tenant + "/oauth2/v2.0/authorize")
                .build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(StoreProperties properties) {
        List<RegisteredClient> clients = new ArrayList<>();
        for (StoreProperties.Client client : properties.clients()) {
            clients.add(RegisteredClient.withId(client.clientId())
                    .clientId(client.clientId())
                    .clientSecret("{noop}" + client.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope(client.scope())
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
                    .build());
        }
        return new ConfiguredClientRepository(clients);
    }

    /**
     * Claims of an Entra ID v1 app-only token: audience is the resource (this store), issuer
     * {@code {public-url}/{tenant}/}, {@code tid}, {@code appid}, {@code oid}/{@code sub} (the
     * application's service principal, stable per client) and {@code idtyp=app}; app roles in
     * {@code roles}. No {@code scope} claim: Entra puts none in app-only tokens.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> entraClaims(StoreProperties properties) {
        return context -> {
            String clientId = context.getRegisteredClient().getClientId();
            String objectId = servicePrincipalId(properties.tenantId(), clientId);
            context.getClaims()
                    .issuer(properties.issuer())
                    .audience(List.of(properties.publicUrl()))
                    .subject(objectId)
                    .claim("tid", properties.tenantId())
                    .claim("appid", clientId)
                    .claim("oid", objectId)
                    .claim("idtyp", "app")
                    .claim("ver", "1.0")
                    .claims(claims -> claims.remove("scope"));
            properties.clients().stream()
                    .filter(c -> c.clientId().equals(clientId) && c.role() != null && !c.role().isBlank())
                    .findFirst()
                    .ifPresent(c -> context.getClaims().claim("roles", List.of(c.role())));
        };
    }

    static String servicePrincipalId(String tenantId, String clientId) {
        return UUID.nameUUIDFromBytes(("serviceprincipal:" + tenantId + ":" + clientId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
