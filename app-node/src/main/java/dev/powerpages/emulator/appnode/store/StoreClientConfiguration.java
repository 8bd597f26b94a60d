package dev.powerpages.emulator.appnode.store;

import dev.powerpages.emulator.appnode.chaos.ChaosState;
import dev.powerpages.emulator.appnode.node.NodeProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The node's identity towards the store: one client-credentials registration (secret in the form body, as
 * Entra ID's {@code client_secret_post}), an authorized client manager that caches the token and fetches a new
 * one 60 s (the provider's default clock skew) before it expires, and a {@link RestClient} that attaches it.
 */
@Configuration(proxyBeanMethods = false)
class StoreClientConfiguration {

    static final String REGISTRATION_ID = "metadata-store";

    /** Connections to the store at once: as many as the node's request threads (Tomcat's default 200). */
    private static final int MAX_CONNECTIONS = 200;

    /**
     * As long as the gateway keeps its origin connections (its pool's max-idle-time): closed here well before the store
     * would close them.
     */
    private static final TimeValue IDLE_CONNECTION_LIFETIME = TimeValue.ofSeconds(10);

    /** Client credentials have no user: all calls share one principal, hence one cached token. */
    private static final Authentication NODE_PRINCIPAL = new AnonymousAuthenticationToken(
            "app-node", "app-node", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    @Bean
    ClientRegistrationRepository storeClientRegistrations(StoreProperties store) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(store.clientId())
                .clientSecret(store.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(store.scope())
                .tokenUri(store.tokenUri())
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    OAuth2AuthorizedClientService storeAuthorizedClients(ClientRegistrationRepository registrations) {
        return new InMemoryOAuth2AuthorizedClientService(registrations);
    }

    @Bean
    OAuth2AuthorizedClientManager storeAuthorizedClientManager(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService authorizedClients,
            HttpComponentsClientHttpRequestFactory storeRequestFactory,
            ChaosState chaos,
            CrossRegionLatencyInterceptor crossRegion) {
        RestClient tokenRestClient = RestClient.builder()
                .requestFactory(storeRequestFactory)
                .requestInterceptor(new StoreCutOffInterceptor(chaos))
                .requestInterceptor(crossRegion)
                // What RestClientClientCredentialsTokenResponseClient configures by default: form out, token response
                // in.
                .configureMessageConverters(converters -> converters
                        .disableDefaults()
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        RestClientClientCredentialsTokenResponseClient tokenClient =
                new RestClientClientCredentialsTokenResponseClient();
        tokenClient.setRestClient(tokenRestClient);
        ClientCredentialsOAuth2AuthorizedClientProvider provider =
                new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(tokenClient);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }

    @Bean
    RestClient storeRestClient(
            RestClient.Builder builder,
            StoreProperties store,
            HttpComponentsClientHttpRequestFactory storeRequestFactory,
            OAuth2AuthorizedClientManager authorizedClientManager,
            OAuth2AuthorizedClientService authorizedClients,
            ChaosState chaos,
            CrossRegionLatencyInterceptor crossRegion) {
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(authorizedClientManager);
        bearer.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        bearer.setPrincipalResolver(request -> NODE_PRINCIPAL);
        // A 401 from the store (e.g. the store restarted with a new signing key) drops the cached token.
        bearer.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        return builder.baseUrl(store.url())
                .requestFactory(storeRequestFactory)
                .requestInterceptor(new StoreCutOffInterceptor(chaos))
                .requestInterceptor(crossRegion)
                .requestInterceptor(bearer)
                .build();
    }

    @Bean
    CrossRegionLatencyInterceptor crossRegionLatencyInterceptor(NodeProperties node, MeterRegistry meters) {
        return new CrossRegionLatencyInterceptor(node, meters);
    }

    /**
     * The HTTP client of every call to the store, the token's included: Apache HttpClient's pool rather than the JDK's
     * client, whose calls to the store hung in CI until their read timeout while the store sat idle (SoakIT's
     * {@code /_api} reads on Java 25, after the connections opened by the site load had been idle for a while; the
     * store never saw the calls: docs/reliability.md). This pool checks a connection that has been idle for a second
     * before it sends on it, and closes connections idle for longer than the store's keep-alive would keep them, so no
     * call is written to a connection the store has closed. Closed with the context (the factory is a bean).
     */
    @Bean
    HttpComponentsClientHttpRequestFactory storeRequestFactory(StoreProperties store) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(store.connectTimeout()))
                        .setSocketTimeout(Timeout.of(store.readTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                // The pool's defaults (5 per route) would queue a busy node's calls behind one another.
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .build();
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
                .setConnectionManager(connections)
                .evictExpiredConnections()
                .evictIdleConnections(IDLE_CONNECTION_LIFETIME)
                .build());
        factory.setConnectionRequestTimeout(store.connectTimeout());
        factory.setReadTimeout(store.readTimeout());
        return factory;
    }
}
