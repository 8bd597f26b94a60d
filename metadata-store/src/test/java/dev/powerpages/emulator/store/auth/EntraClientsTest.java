package dev.powerpages.emulator.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.powerpages.emulator.support.tls.StackTlsProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real Entra ID clients, written by others, against the store's identity endpoints over TLS
 * ({@code https://localhost:<port>/contoso}, {@code /adfs}), trusting only the stack's CA: MSAL for Java and the Azure
 * SDK's ClientSecretCredential get management tokens for the well-known service principals; Spring Security reads the
 * v1 discovery document and its keys as a resource server would; wrong secrets, unknown clients and unknown
 * resources get Entra ID's codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "store.in-memory=true")
class EntraClientsTest {

    /** A port chosen before the start, so that the store's public URL (the tokens' issuer) is its real address. */
    static final int HTTP_PORT = freePort();

    static final String ISSUER = "http://localhost:" + HTTP_PORT + "/contoso/";

    @DynamicPropertySource
    static void publicUrlIsTheRealOne(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("store.public-url", () -> "http://localhost:" + HTTP_PORT);
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String OPERATOR_OID = "5b0c3e0e-6f1a-4c1e-9c4b-0e0000000001";
    static final String READER_OID = "5b0c3e0e-6f1a-4c1e-9c4b-0e0000000002";

    final int httpPort = HTTP_PORT;

    @Autowired
    IdentityTlsConnector identityConnector;

    @Autowired
    StackTlsProperties stackTls;

    SSLContext trustingTheStackCa;
    String authorityHost;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void trustTheStackCa() {
        trustingTheStackCa = stackTls.open().clientSslContext();
        authorityHost = "https://localhost:" + identityConnector.port();
    }

    @Test
    void msal4jAcquiresAManagementTokenFromTheTenantAuthorityOverTls() throws Exception {
        IAuthenticationResult result = msal("emulator-operator", "emulator-secret", authorityHost + "/contoso/")
                .acquireToken(ClientCredentialParameters.builder(Set.of("https://management.azure.com/.default"))
                        .build())
                .get();

        JWTClaimsSet claims = SignedJWT.parse(result.accessToken()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("https://management.core.windows.net/");
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getStringClaim("tid")).isEqualTo("contoso");
        assertThat(claims.getStringClaim("oid")).isEqualTo(OPERATOR_OID);
        assertThat(claims.getSubject()).isEqualTo(OPERATOR_OID);
        assertThat(claims.getStringClaim("appid")).isEqualTo("emulator-operator");
        assertThat(claims.getStringClaim("appidacr")).isEqualTo("1");
        assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
        assertThat(claims.getStringClaim("ver")).isEqualTo("1.0");
        assertThat(claims.getClaim("roles"))
                .as("no Dataverse role in an ARM token")
                .isNull();
        assertThat(result.expiresOnDate()).isInTheFuture();
    }

    @Test
    void azureIdentitysClientSecretCredentialGetsAManagementTokenAskedForWithTheDoubleSlash() throws Exception {
        ClientSecretCredential credential = new ClientSecretCredentialBuilder()
                .tenantId("contoso")
                .clientId("emulator-reader")
                .clientSecret("emulator-secret")
                .authorityHost(authorityHost)
                .disableInstanceDiscovery()
                .httpClient(new NettyAsyncHttpClientBuilder(nettyTrustingTheStackCa()).build())
                .build();

        AccessToken token =
                credential.getTokenSync(new TokenRequestContext().addScopes("https://management.azure.com//.default"));

        JWTClaimsSet claims = SignedJWT.parse(token.getToken()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("https://management.core.windows.net/");
        assertThat(claims.getStringClaim("oid")).isEqualTo(READER_OID);
        assertThat(claims.getStringClaim("appid")).isEqualTo("emulator-reader");
        assertThat(token.isExpired()).isFalse();
    }

    @Test
    void everyFormOfTheManagementResourceGivesTheSameAudience() throws Exception {
        for (String scope : new String[] {
            "https://management.azure.com/.default",
            "https://management.azure.com//.default",
            "https://management.core.windows.net/.default",
            "https://management.core.windows.net//.default"
        }) {
            JsonNode answer = post(
                            authorityHost + "/contoso/oauth2/v2.0/token",
                            "grant_type=client_credentials&client_id=emulator-operator"
                                    + "&client_secret=emulator-secret&scope=" + encode(scope))
                    .body();
            assertThat(SignedJWT.parse(answer.get("access_token").asString())
                            .getJWTClaimsSet()
                            .getAudience())
                    .as(scope)
                    .containsExactly("https://management.core.windows.net/");
        }
    }

    @Test
    void theV1EndpointTakesAResourceAndAnswersInItsOwnShape() throws Exception {
        Answer answer = post(
                authorityHost + "/contoso/oauth2/token",
                "grant_type=client_credentials&client_id=emulator-operator" + "&client_secret=emulator-secret&resource="
                        + encode("https://management.core.windows.net/"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("expires_in").isString())
                .as("v1 writes its numbers as strings")
                .isTrue();
        assertThat(Long.parseLong(answer.body().get("expires_on").asString()))
                .isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(answer.body().get("not_before").isString()).isTrue();
        assertThat(answer.body().get("resource").asString()).isEqualTo("https://management.core.windows.net/");
        JWTClaimsSet claims =
                SignedJWT.parse(answer.body().get("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("https://management.core.windows.net/");
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    }

    @Test
    void theV1EndpointWithoutAResourceNamesTheMissingParameter() {
        Answer answer = post(
                authorityHost + "/contoso/oauth2/token",
                "grant_type=client_credentials&client_id=emulator-operator&client_secret=emulator-secret");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error_codes").get(0).asInt()).isEqualTo(900144);
        assertThat(answer.body().get("error_description").asString()).contains("'resource'");
    }

    @Test
    void msal4jGetsATokenFromTheAdfsAuthorityWithAdfsItsIssuer() throws Exception {
        IAuthenticationResult result = msal("emulator-operator", "emulator-secret", authorityHost + "/adfs/")
                .acquireToken(
                        ClientCredentialParameters.builder(Set.of("https://management.core.windows.net//.default"))
                                .build())
                .get();

        JWTClaimsSet claims = SignedJWT.parse(result.accessToken()).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:" + HTTP_PORT + "/adfs/services/trust");
        assertThat(claims.getAudience()).containsExactly("https://management.core.windows.net/");
        assertThat(claims.getStringClaim("oid")).isEqualTo(OPERATOR_OID);
        JsonNode adfs =
                get(authorityHost + "/adfs/.well-known/openid-configuration").body();
        assertThat(adfs.get("access_token_issuer").asString()).isEqualTo(claims.getIssuer());
    }

    @Test
    void adfsAnswersInItsShapeWithAResourceAndErrsWithoutAadstsCodes() {
        Answer ok = post(
                authorityHost + "/adfs/oauth2/token/",
                "grant_type=client_credentials&client_id=emulator-reader" + "&client_secret=emulator-secret&resource="
                        + encode("https://management.core.windows.net/"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("token_type").asString()).isEqualTo("bearer");
        assertThat(ok.body().get("expires_in").isNumber()).isTrue();

        Answer wrong = post(
                authorityHost + "/adfs/oauth2/token",
                "grant_type=client_credentials&client_id=emulator-reader" + "&client_secret=wrong&resource="
                        + encode("https://management.core.windows.net/"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("error").asString()).isEqualTo("invalid_client");
        assertThat(wrong.body().has("error_codes")).isFalse();
    }

    @Test
    void theDiscoveryDocumentsNameTheConnectorTheyWereReadFromAndTheV1IssuerIsTheTokens() {
        JsonNode v2 = get(authorityHost + "/contoso/v2.0/.well-known/openid-configuration")
                .body();
        assertThat(v2.get("token_endpoint").asString()).isEqualTo(authorityHost + "/contoso/oauth2/v2.0/token");
        assertThat(v2.get("jwks_uri").asString()).isEqualTo(authorityHost + "/contoso/discovery/v2.0/keys");
        assertThat(v2.get("issuer").asString()).isEqualTo(authorityHost + "/contoso/v2.0");
        assertThat(v2.get("authorization_endpoint").asString()).isNotBlank();

        JsonNode v1 =
                get(authorityHost + "/contoso/.well-known/openid-configuration").body();
        assertThat(v1.get("token_endpoint").asString()).isEqualTo(authorityHost + "/contoso/oauth2/token");
        assertThat(v1.get("issuer").asString()).isEqualTo(ISSUER);

        JsonNode adfs =
                get(authorityHost + "/adfs/.well-known/openid-configuration").body();
        assertThat(adfs.get("issuer").asString()).isEqualTo(authorityHost + "/adfs");
        assertThat(adfs.get("token_endpoint").asString()).isEqualTo(authorityHost + "/adfs/oauth2/token/");
        assertThat(adfs.get("grant_types_supported").toString()).contains("client_credentials");
    }

    @Test
    void aResourceServerConfiguredFromTheV1IssuerValidatesAManagementToken() throws Exception {
        String token = post(
                        authorityHost + "/contoso/oauth2/v2.0/token",
                        "grant_type=client_credentials&client_id=emulator-reader"
                                + "&client_secret=emulator-secret&scope="
                                + encode("https://management.azure.com/.default"))
                .body()
                .get("access_token")
                .asString();

        RSAKey key = (RSAKey)
                JWKSet.parse(get(authorityHost + "/contoso/discovery/keys").raw())
                        .getKeys()
                        .get(0);
        assertThat(key.isPrivate()).isFalse();
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(key))).isTrue();
        assertThat(JWKSet.parse(get(authorityHost + "/adfs/discovery/keys").raw())
                        .getKeys())
                .containsExactly(key);

        // As Spring Security's resource server starts from spring.security.oauth2.resourceserver.jwt.issuer-uri: it
        // reads
        // <issuer>/.well-known/openid-configuration, checks the issuer there, and takes the keys from jwks_uri.
        JwtDecoder decoder = JwtDecoders.fromIssuerLocation(ISSUER);
        Jwt jwt = decoder.decode(token);
        assertThat(jwt.getAudience()).containsExactly("https://management.core.windows.net/");
        assertThat(jwt.getClaimAsString("oid")).isEqualTo(READER_OID);
    }

    @Test
    void aWrongSecretIsAadsts7000215() {
        assertThat(msalError("emulator-operator", "not-the-secret", "https://management.azure.com/.default"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("invalid_client"))
                .satisfies(e -> assertThat(e.getMessage()).contains("AADSTS7000215"));
    }

    @Test
    void anUnknownClientIsAadsts700016() {
        assertThat(msalError("nobody", "emulator-secret", "https://management.azure.com/.default"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("unauthorized_client"))
                .satisfies(e -> assertThat(e.getMessage()).contains("AADSTS700016"));
    }

    @Test
    void anUnknownResourceIsAadsts500011AndAMalformedScopeAadsts70011() {
        assertThat(msalError("emulator-operator", "emulator-secret", "https://vault.azure.net/.default"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("invalid_resource"))
                .satisfies(
                        e -> assertThat(e.getMessage()).contains("AADSTS500011").contains("https://vault.azure.net"));

        Answer malformed = post(
                authorityHost + "/contoso/oauth2/v2.0/token",
                "grant_type=client_credentials&client_id=emulator-operator" + "&client_secret=emulator-secret&scope="
                        + encode("user.read"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error").asString()).isEqualTo("invalid_scope");
        assertThat(malformed.body().get("error_codes").get(0).asInt()).isEqualTo(70011);
    }

    @Test
    void anUnknownTenantsDiscoveryIsAadsts90002() {
        Answer answer = get(authorityHost + "/fabrikam/v2.0/.well-known/openid-configuration");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asString()).isEqualTo("invalid_tenant");
        assertThat(answer.body().get("error_codes").get(0).asInt()).isEqualTo(90002);
    }

    @Test
    void theTlsPortServesTheIdentityEndpointsOnly() {
        assertThat(get(authorityHost + "/api/data/v9.2/").status()).isEqualTo(404);
        assertThat(get(authorityHost + "/actuator/health").status()).isEqualTo(404);
        assertThat(get("http://localhost:" + httpPort + "/actuator/health").status())
                .isEqualTo(200);
    }

    @Test
    void theManagementPrincipalsAreNoApplicationUsersOfTheEnvironment() {
        String token = post(
                        "http://localhost:" + httpPort + "/contoso/oauth2/v2.0/token",
                        "grant_type=client_credentials"
                                + "&client_id=emulator-operator&client_secret=emulator-secret&scope="
                                + encode("http://localhost:" + HTTP_PORT + "/.default"))
                .body()
                .get("access_token")
                .asString();

        Answer answer =
                send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/data/v9.2/accounts"))
                        .header("Authorization", "Bearer " + token)
                        .GET());

        assertThat(answer.status()).isEqualTo(403);
    }

    /** The Azure SDK's default HTTP client (Reactor Netty), trusting the stack's CA and nothing else. */
    private reactor.netty.http.client.HttpClient nettyTrustingTheStackCa() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(stackTls.open().trustStore());
        io.netty.handler.ssl.SslContext context = io.netty.handler.ssl.SslContextBuilder.forClient()
                .trustManager(trust)
                .build();
        return reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(context));
    }

    private ConfidentialClientApplication msal(String clientId, String secret, String authority) throws Exception {
        // Instance discovery asks login.microsoftonline.com about any authority it does not know; MSAL for Java
        // lets an application switch it off, as it must for a private cloud.
        return ConfidentialClientApplication.builder(clientId, ClientCredentialFactory.createFromSecret(secret))
                .authority(authority)
                .instanceDiscovery(false)
                .sslSocketFactory(trustingTheStackCa.getSocketFactory())
                .build();
    }

    private MsalServiceException msalError(String clientId, String secret, String scope) {
        try {
            msal(clientId, secret, authorityHost + "/contoso/")
                    .acquireToken(
                            ClientCredentialParameters.builder(Set.of(scope)).build())
                    .get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MsalServiceException.class);
            return (MsalServiceException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("a token was issued");
    }

    record Answer(int status, String raw, JsonNode body) {}

    private Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private Answer post(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .sslContext(trustingTheStackCa)
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), body, body == null || body.isBlank() ? null : json.readTree(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
