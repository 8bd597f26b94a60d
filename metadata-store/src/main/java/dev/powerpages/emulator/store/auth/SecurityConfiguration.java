package dev.powerpages.emulator.store.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.environment.CurrentEnvironment;
import dev.powerpages.emulator.store.environment.EnvironmentAudienceValidator;
import dev.powerpages.emulator.store.environment.Environments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
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
import tools.jackson.databind.ObjectMapper;

/**
 * Three filter chains: the token endpoint (Spring Authorization Server, shaped like Entra ID's
 * {@code /{tenant}/oauth2/v2.0/token}; the v1 and AD FS endpoints are forwarded to it by
 * {@link TokenEndpointFlavours}), the Web API (OAuth2 resource server accepting only this
 * store's tokens) and everything else (actuator, discovery documents, open).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Entra ID's usual access token lifetime as clients see it in {@code expires_in}. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3599);

    @Bean
    @Order(1)
    SecurityFilterChain tokenEndpointChain(HttpSecurity http, ObjectMapper mapper, StoreProperties properties)
            throws Exception {
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

    /**
     * The v1 and AD FS token endpoints, in front of the authorization server; after the outage switch
     * ({@code OutageFilter}), so that an injected outage answers 503 on every token endpoint alike.
     */
    @Bean
    FilterRegistrationBean<TokenEndpointFlavours> tokenEndpointFlavours(
            ObjectMapper mapper,
            StoreProperties properties,
            IdentityProperties identity,
            AuthorizationServerSettings settings) {
        FilterRegistrationBean<TokenEndpointFlavours> registration =
                new FilterRegistrationBean<>(new TokenEndpointFlavours(
                        properties.tenantId(),
                        settings.getTokenEndpoint(),
                        identity.adfs().enabled(),
                        new EntraTokenResponses(mapper, properties.tenantId())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    @Order(2)
    SecurityFilterChain webApiChain(HttpSecurity http, StoreProperties properties, CurrentEnvironment environment)
            throws Exception {
        http.securityMatcher("/api/**")
                // The environment list (Global Discovery Service's shape) tells only names and URLs.
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/api/discovery/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(dataverseChallenge(properties, environment)))
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
     * that clients can discover where to get a token (the resource being the environment's URL as the
     * request named it); the resource server's error details follow.
     */
    private static AuthenticationEntryPoint dataverseChallenge(
            StoreProperties properties, CurrentEnvironment environment) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            String discovery = "Bearer authorization_uri=" + properties.publicUrl() + "/" + properties.tenantId()
                    + "/oauth2/authorize, resource_id=" + environment.baseUrl() + "/";
            bearer.commence(request, response, exception);
            String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
            String details = challenge != null && challenge.startsWith("Bearer ") ? ", " + challenge.substring(7) : "";
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, discovery + details);
        };
    }

    @Bean
    RSAKey tokenSigningKey(StoreProperties properties, IdentityProperties identity) {
        return SigningKeys.load(properties, identity);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey tokenSigningKey) {
        return new ImmutableJWKSet<>(new JWKSet(tokenSigningKey));
    }

    /**
     * Validates tokens locally: this store's signature and issuer, expiry, and an audience that is the
     * URL of the environment the request is for.
     */
    @Bean
    JwtDecoder jwtDecoder(RSAKey tokenSigningKey, StoreProperties properties, EnvironmentAudienceValidator audience)
            throws JOSEException {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withPublicKey(tokenSigningKey.toRSAPublicKey()).build();
        decoder.setJwtValidator(
                JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(properties.issuer()), audience));
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

    /**
     * Every client may ask for a token for any hosted environment: its configured scope, or
     * {@code <environment url>/.default} for each URL an environment is reached by (Entra ID lets an
     * application ask for any resource; whether it may use it is the environment's application user's
     * business), and for Azure Resource Manager (whose role assignments decide what it may do).
     */
    @Bean
    RegisteredClientRepository registeredClientRepository(
            StoreProperties properties, Environments environments, IdentityProperties identity) {
        List<String> environmentScopes = new ArrayList<>(environments.all().stream()
                .flatMap(e -> e.audiences().stream())
                .map(a -> a + "/.default")
                .toList());
        environmentScopes.addAll(new ManagementResource(identity.management()).scopes());
        List<RegisteredClient> clients = new ArrayList<>();
        for (StoreProperties.Client client : properties.clients()) {
            clients.add(RegisteredClient.withId(client.clientId())
                    .clientId(client.clientId())
                    .clientSecret("{noop}" + client.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope(client.scope())
                    .scopes(scopes -> scopes.addAll(environmentScopes))
                    .tokenSettings(TokenSettings.builder()
                            .accessTokenTimeToLive(TOKEN_LIFETIME)
                            .build())
                    .build());
        }
        return new ConfiguredClientRepository(clients);
    }

    /**
     * Claims of an Entra ID v1 app-only token: audience is the resource asked for (Azure Resource
     * Manager's one audience for any of its identifiers; the environment URL in
     * {@code scope=<url>/.default}; the default environment's when no scope names one), issuer
     * {@code {public-url}/{tenant}/} (AD FS's access-token issuer {@code {public-url}/adfs/services/trust}
     * for tokens from {@code /adfs}), {@code tid}, {@code appid} and {@code appidacr} (1: a client
     * secret), {@code oid}/{@code sub} (the application's service principal, stable per client) and
     * {@code idtyp=app}; for Dataverse, the application user's security role in {@code roles}. No
     * {@code scope} claim: Entra puts none in app-only tokens.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> entraClaims(
            StoreProperties properties, Environments environments, IdentityProperties identity) {
        ManagementResource management = new ManagementResource(identity.management());
        return context -> {
            String clientId = context.getRegisteredClient().getClientId();
            String objectId = ServicePrincipals.objectId(properties, clientId).toString();
            boolean forManagement = context.getAuthorizedScopes().stream().anyMatch(management::isScope);
            String audience = forManagement
                    ? management.audience()
                    : context.getAuthorizedScopes().stream()
                            .filter(scope -> scope.endsWith("/.default"))
                            .map(scope -> scope.substring(0, scope.length() - "/.default".length()))
                            .filter(resource ->
                                    environments.byAudience(resource).isPresent())
                            .findFirst()
                            .orElse(environments.defaultEnvironment().url());
            context.getClaims()
                    .issuer(
                            TokenFlavour.current() == TokenFlavour.ADFS
                                    ? adfsAccessTokenIssuer(properties)
                                    : properties.issuer())
                    .audience(List.of(audience))
                    .subject(objectId)
                    .claim("tid", properties.tenantId())
                    .claim("appid", clientId)
                    .claim("appidacr", "1")
                    .claim("oid", objectId)
                    .claim("idtyp", "app")
                    .claim("ver", "1.0")
                    .claims(claims -> claims.remove("scope"));
            if (!forManagement) {
                properties.clients().stream()
                        .filter(c -> c.clientId().equals(clientId)
                                && c.role() != null
                                && !c.role().isBlank())
                        .findFirst()
                        .ifPresent(c -> context.getClaims().claim("roles", List.of(c.role())));
            }
        };
    }

    /**
     * AD FS signs access tokens as its federation service identifier, {@code http://<host>/adfs/services/trust}
     * (its discovery document's {@code access_token_issuer}, [MS-OIDCE] 3.2.5.3.1.3); here on the store's URL.
     */
    static String adfsAccessTokenIssuer(StoreProperties properties) {
        return properties.publicUrl() + "/adfs/services/trust";
    }
}
