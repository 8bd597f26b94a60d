package dev.powerpages.emulator.stacktests.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.powerpages.emulator.testkit.EntraId;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * The Azure CLI signs in to the emulated Entra ID as the well-known operator, through the AD FS-shaped authority
 * over TLS, trusting the stack's CA: {@code az cloud register}, {@code az login --service-principal},
 * {@code az account show}, and the token az then sends to the resource manager is one the stack signed for Azure
 * Resource Manager, for the operator's service principal.
 *
 * <p>The resource manager here is an HTTPS stand-in (MockWebServer, with the stack's server certificate) that answers
 * {@code GET /subscriptions} as ARM does and records what az sends, until the stack's own resource-manager endpoint
 * ({@code https://localhost:8060/}) lands; {@link #resourceManager} is then the one thing to change.
 */
@PowerPagesStackTest
class AzureCliIT {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    /** Any GUID: az wants one, AD FS discards it (docs/azure-tooling.md). */
    static final String TENANT = "00000000-0000-0000-0000-000000000000";

    @TempDir
    Path azureConfig;

    MockWebServer resourceManager;
    AzureCli az;
    /** az with the stack's own resource-manager endpoint. */
    AzureCli stackAz;

    @BeforeEach
    void startTheResourceManagerAndRegisterTheCloud(PowerPagesStack stack) throws Exception {
        AzureCli.requireInstalled();
        EntraId identity = stack.identity();
        resourceManager = new MockWebServer();
        resourceManager.useHttps(serverSslContext(identity).getSocketFactory());
        resourceManager.setDispatcher(new SubscriptionsList());
        resourceManager.start(0);
        az = new AzureCli(azureConfig, identity.caCertificate());
        az.registerCloud("PowerPagesEmulator", "https://localhost:" + resourceManager.getPort() + "/",
                identity.adfsAuthority().toString());
        stackAz = new AzureCli(azureConfig.resolve("stack"), identity.caCertificate());
        stackAz.registerCloud("PowerPagesEmulator", stack.trafficManager().resourceManagerUrl(),
                identity.adfsAuthority().toString());
    }

    @AfterEach
    void stopTheResourceManager() {
        if (resourceManager != null) {
            resourceManager.close();
        }
    }

    @Test
    void azLogsInAsTheOperatorAndSendsTheResourceManagerATokenTheStackSigned(PowerPagesStack stack) throws Exception {
        JsonNode accounts = az.loginServicePrincipal(EntraId.OPERATOR, EntraId.SECRET, TENANT).json();

        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("id").asString()).isEqualTo(SUBSCRIPTION);
        assertThat(accounts.get(0).get("user").get("name").asString()).isEqualTo(EntraId.OPERATOR);
        assertThat(accounts.get(0).get("user").get("type").asString()).isEqualTo("servicePrincipal");

        JsonNode account = az.run("account", "show").json();
        assertThat(account.get("environmentName").asString()).isEqualTo("PowerPagesEmulator");
        assertThat(account.get("id").asString()).isEqualTo(SUBSCRIPTION);
        assertThat(account.get("user").get("name").asString()).isEqualTo(EntraId.OPERATOR);

        RecordedRequest subscriptions = resourceManager.takeRequest(5, TimeUnit.SECONDS);
        assertThat(subscriptions).as("az asked the resource manager for its subscriptions").isNotNull();
        assertThat(subscriptions.getTarget()).startsWith("/subscriptions?api-version=");
        String authorization = subscriptions.getHeaders().get("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT token = SignedJWT.parse(authorization.substring("Bearer ".length()));

        // Signed by the stack: verifies with the key the AD FS authority publishes (over TLS, trusting only the CA).
        String keys = HttpClient.newBuilder().sslContext(identity(stack).sslContext()).build()
                .send(HttpRequest.newBuilder(URI.create(identity(stack).adfsAuthority() + "/discovery/keys")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
        assertThat(token.verify(new RSASSAVerifier((RSAKey) JWKSet.parse(keys).getKeys().get(0)))).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly(EntraId.MANAGEMENT_AUDIENCE);
        assertThat(claims.getIssuer()).endsWith("/adfs/services/trust");
        assertThat(claims.getStringClaim("oid")).isEqualTo(EntraId.OPERATOR_OBJECT_ID);
        assertThat(claims.getStringClaim("appid")).isEqualTo(EntraId.OPERATOR);

        JsonNode accessToken = az.run("account", "get-access-token").json();
        assertThat(SignedJWT.parse(accessToken.get("accessToken").asString()).getJWTClaimsSet().getStringClaim("oid"))
                .isEqualTo(EntraId.OPERATOR_OBJECT_ID);
    }

    /**
     * The failover runbook with az against the stack's resource-manager endpoint: list and show the profile,
     * disable the primary endpoint and watch the site move, enable it and watch it come back; the reader may look
     * but not change.
     */
    @Test
    void azDrivesTheFailoverRunbookThroughTheResourceManager(PowerPagesStack stack) {
        stackAz.loginServicePrincipal(EntraId.OPERATOR, EntraId.SECRET, TENANT).requireSuccess();

        JsonNode profiles = stackAz.run("network", "traffic-manager", "profile", "list", "-g", "emulator").json();
        assertThat(profiles.findValuesAsString("name")).contains("contoso");
        JsonNode contoso = stackAz.run("network", "traffic-manager", "profile", "show", "-g", "emulator", "-n",
                "contoso").json();
        assertThat(contoso.get("dnsConfig").get("fqdn").asString()).isEqualTo("contoso.trafficmanager.net");
        assertThat(contoso.get("endpoints").findValuesAsString("name")).containsExactly("northeurope", "westeurope");

        JsonNode disabled = stackAz.run("network", "traffic-manager", "endpoint", "update", "-g", "emulator",
                "--profile-name", "contoso", "-n", "northeurope", "--type", "externalEndpoints",
                "--endpoint-status", "Disabled").json();
        assertThat(disabled.get("endpointStatus").asString()).isEqualTo("Disabled");
        stack.awaitServedBy("westeurope");
        assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Disabled");

        stackAz.run("network", "traffic-manager", "endpoint", "update", "-g", "emulator", "--profile-name", "contoso",
                "-n", "northeurope", "--type", "externalEndpoints", "--endpoint-status", "Enabled").requireSuccess();
        stack.awaitServedBy("northeurope");

        stackAz.loginServicePrincipal(EntraId.READER, EntraId.SECRET, TENANT).requireSuccess();
        assertThat(stackAz.run("network", "traffic-manager", "profile", "show", "-g", "emulator", "-n", "contoso")
                .exitCode).isZero();
        AzureCli.Result refused = stackAz.run("network", "traffic-manager", "endpoint", "update", "-g", "emulator",
                "--profile-name", "contoso", "-n", "northeurope", "--type", "externalEndpoints", "--endpoint-status",
                "Disabled");
        assertThat(refused.exitCode).as(refused.toString()).isNotZero();
        assertThat(refused.stderr).contains("AuthorizationFailed");
        assertThat(stack.trafficManager().endpointStatus("northeurope")).isNotEqualTo("Disabled");
    }

    @Test
    void azRefusesAWrongSecretWithTheAuthoritysError() {
        AzureCli.Result login = az.loginServicePrincipal(EntraId.READER, "not-the-secret", TENANT);

        assertThat(login.exitCode).as(login.toString()).isNotZero();
        // az prints the authority's error_description: what a user sees for a wrong secret in Entra ID too.
        assertThat(login.stderr).contains("Invalid client secret provided");
        assertThat(resourceManager.getRequestCount()).as("no token, no call to the resource manager").isZero();
    }

    private static EntraId identity(PowerPagesStack stack) {
        return stack.identity();
    }

    /** The stack's server certificate (signed by its CA, valid for localhost), for the stand-in's HTTPS. */
    private static SSLContext serverSslContext(EntraId identity) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(identity.serverKeyStore())) {
            keys.load(in, EntraId.TRUST_STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, EntraId.TRUST_STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** ARM's Subscriptions - List answer (api-version 2019-11-01 and later) for the emulator's one subscription. */
    private static final class SubscriptionsList extends Dispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if ("GET".equals(request.getMethod()) && request.getTarget().startsWith("/subscriptions?")) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
                        .body("""
                                {"value":[{"id":"/subscriptions/%1$s","authorizationSource":"RoleBased","managedByTenants":[],
                                "subscriptionId":"%1$s","tenantId":"%2$s","displayName":"Power Pages Stack Emulator",
                                "state":"Enabled","subscriptionPolicies":{"locationPlacementId":"Public_2014-09-01",
                                "quotaId":"PayAsYouGo_2014-09-01","spendingLimit":"Off"}}],"count":{"type":"Total","value":1}}
                                """.formatted(SUBSCRIPTION, TENANT))
                        .build();
            }
            return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json; charset=utf-8")
                    .body("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"Not served by this stand-in.\"}}").build();
        }
    }
}
