package dev.powerpages.emulator.stacktests.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.powerpages.emulator.testkit.EntraId;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Azure CLI signs in to the emulated Entra ID as the well-known operator, through the AD FS-shaped authority
 * over TLS, trusting the stack's CA: {@code az cloud register}, {@code az login --service-principal},
 * {@code az account show} against the stack's own resource-manager endpoint ({@code https://localhost:8060/}), which
 * answers az's {@code GET /subscriptions} only with a token the stack signed for Azure Resource Manager; then the
 * failover runbook through the same endpoint.
 */
@PowerPagesStackTest
class AzureCliIT {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    /** Any GUID: az wants one, AD FS discards it (docs/azure-tooling.md). */
    static final String TENANT = "00000000-0000-0000-0000-000000000000";

    @TempDir
    Path azureConfig;

    AzureCli az;

    @BeforeEach
    void registerTheStackAsACloud(PowerPagesStack stack) {
        AzureCli.requireInstalled();
        EntraId identity = stack.identity();
        az = new AzureCli(azureConfig, identity.caCertificate());
        az.registerCloud(
                "PowerPagesEmulator",
                stack.trafficManager().resourceManagerUrl(),
                identity.adfsAuthority().toString());
    }

    @Test
    void azLogsInAsTheOperatorWithATokenTheStackSignedForTheResourceManager(PowerPagesStack stack) throws Exception {
        JsonNode accounts = az.loginServicePrincipal(EntraId.OPERATOR, EntraId.SECRET, TENANT)
                .json();

        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("id").asString()).isEqualTo(SUBSCRIPTION);
        assertThat(accounts.get(0).get("name").asString())
                .as("the subscription the stack's resource manager lists")
                .isEqualTo("Power Pages Stack Emulator");
        assertThat(accounts.get(0).get("user").get("name").asString()).isEqualTo(EntraId.OPERATOR);
        assertThat(accounts.get(0).get("user").get("type").asString()).isEqualTo("servicePrincipal");

        JsonNode account = az.run("account", "show").json();
        assertThat(account.get("environmentName").asString()).isEqualTo("PowerPagesEmulator");
        assertThat(account.get("id").asString()).isEqualTo(SUBSCRIPTION);
        assertThat(account.get("user").get("name").asString()).isEqualTo(EntraId.OPERATOR);

        // The token az holds for the cloud's resource manager: the one its login just used to list the subscriptions.
        JsonNode accessToken = az.run("account", "get-access-token").json();
        SignedJWT token = SignedJWT.parse(accessToken.get("accessToken").asString());

        // Signed by the stack: verifies with the key the AD FS authority publishes (over TLS, trusting only the CA).
        String keys = HttpClient.newBuilder()
                .sslContext(identity(stack).sslContext())
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(identity(stack).adfsAuthority() + "/discovery/keys"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(token.verify(
                        new RSASSAVerifier((RSAKey) JWKSet.parse(keys).getKeys().get(0))))
                .isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly(EntraId.MANAGEMENT_AUDIENCE);
        assertThat(claims.getIssuer()).endsWith("/adfs/services/trust");
        assertThat(claims.getStringClaim("oid")).isEqualTo(EntraId.OPERATOR_OBJECT_ID);
        assertThat(claims.getStringClaim("appid")).isEqualTo(EntraId.OPERATOR);
    }

    /**
     * The failover runbook with az against the stack's resource-manager endpoint: list and show the profile,
     * disable the primary endpoint and watch the site move, enable it and watch it come back; the reader may look
     * but not change.
     */
    @Test
    void azDrivesTheFailoverRunbookThroughTheResourceManager(PowerPagesStack stack) {
        az.loginServicePrincipal(EntraId.OPERATOR, EntraId.SECRET, TENANT).requireSuccess();

        JsonNode profiles = az.run("network", "traffic-manager", "profile", "list", "-g", "emulator")
                .json();
        assertThat(profiles.findValuesAsString("name")).contains("contoso");
        JsonNode contoso = az.run("network", "traffic-manager", "profile", "show", "-g", "emulator", "-n", "contoso")
                .json();
        assertThat(contoso.get("dnsConfig").get("fqdn").asString()).isEqualTo("contoso.trafficmanager.net");
        assertThat(contoso.get("endpoints").findValuesAsString("name")).containsExactly("northeurope", "westeurope");

        JsonNode disabled = setNortheuropeStatus("Disabled").json();
        assertThat(disabled.get("endpointStatus").asString()).isEqualTo("Disabled");
        stack.awaitServedBy("westeurope");
        assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Disabled");

        setNortheuropeStatus("Enabled").requireSuccess();
        stack.awaitServedBy("northeurope");

        az.loginServicePrincipal(EntraId.READER, EntraId.SECRET, TENANT).requireSuccess();
        assertThat(az.run("network", "traffic-manager", "profile", "show", "-g", "emulator", "-n", "contoso").exitCode)
                .isZero();
        AzureCli.Result refused = setNortheuropeStatus("Disabled");
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
        assertThat(az.run("account", "show").exitCode)
                .as("no account was added")
                .isNotZero();
    }

    /** {@code az network traffic-manager endpoint update} of northeurope's status, as an operator's runbook does. */
    private AzureCli.Result setNortheuropeStatus(String status) {
        return az.run(
                "network",
                "traffic-manager",
                "endpoint",
                "update",
                "-g",
                "emulator",
                "--profile-name",
                "contoso",
                "-n",
                "northeurope",
                "--type",
                "externalEndpoints",
                "--endpoint-status",
                status);
    }

    private static EntraId identity(PowerPagesStack stack) {
        return stack.identity();
    }
}
