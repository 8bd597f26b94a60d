package dev.powerpages.emulator.trafficmanager.arm;

import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.AUDIENCE;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.ISSUER;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.KEY;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.PROFILES;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.TM_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may call the endpoint: ARM's 401s with its challenge, and its 403 for a reader's write. */
class ArmAuthenticationTest extends ArmEndpointTest {

    private static final String CONTOSO = PROFILES + "/contoso?" + TM_VERSION;

    @Test
    void aRequestWithoutATokenGetsArmsChallengeNamingWhereToSignIn() {
        HttpResponse<String> response = arm("GET", CONTOSO, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("AuthenticationFailed");
        assertThat(errorMessage(response)).isEqualTo("Authentication failed. The 'Authorization' header is missing.");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer authorization_uri="
                        + "\"https://localhost:8071/contoso\", error=\"invalid_token\", error_description=\"The authentication "
                        + "failed because of missing 'Authorization' header.\"");
        assertThat(response.headers().firstValue("x-ms-request-id")).isPresent();
    }

    @Test
    void aBasicAuthorizationHeaderIsRefusedAsTheWrongFormat() {
        HttpResponse<String> response = arm("GET", CONTOSO, null, null, "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorMessage(response)).contains("invalid format");
    }

    @Test
    void aTokenForAnotherResourceIsRefusedNamingTheAllowedAudiences() {
        String token = ArmTestSupport.token(
                KEY,
                Map.of("appid", "emulator-operator"),
                ISSUER,
                "http://localhost:8070",
                Instant.now().plusSeconds(600));

        HttpResponse<String> response = arm("GET", CONTOSO, token, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("InvalidAuthenticationTokenAudience");
        assertThat(errorMessage(response))
                .contains("'http://localhost:8070'")
                .contains("'https://management.azure.com/'");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error_description=\"The access token has been obtained for wrong audience");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String token = ArmTestSupport.token(
                KEY,
                Map.of("appid", "emulator-operator"),
                ISSUER,
                AUDIENCE,
                Instant.now().minusSeconds(600));

        HttpResponse<String> response = arm("GET", CONTOSO, token, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("ExpiredAuthenticationToken");
        assertThat(errorMessage(response)).startsWith("The access token expiry UTC time '");
    }

    @Test
    void aTokenFromAnotherTenantIsRefusedNamingTheIssuer() {
        String token = ArmTestSupport.token(
                KEY,
                Map.of("appid", "emulator-operator"),
                "https://sts.windows.net/fabrikam/",
                AUDIENCE,
                Instant.now().plusSeconds(600));

        HttpResponse<String> response = arm("GET", CONTOSO, token, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("InvalidAuthenticationTokenTenant");
        assertThat(errorMessage(response)).contains("'https://sts.windows.net/fabrikam/'");
    }

    @Test
    void aTokenSignedWithAKeyTheStoreDoesNotPublishIsInvalid() {
        String token = ArmTestSupport.token(
                ArmTestSupport.OTHER_KEY,
                Map.of("appid", "emulator-operator"),
                ISSUER,
                AUDIENCE,
                Instant.now().plusSeconds(600));

        HttpResponse<String> response = arm("GET", CONTOSO, token, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("InvalidAuthenticationToken");
    }

    @Test
    void aReaderReadsButAWriteIsRefusedWithAuthorizationFailedNamingTheAction() {
        assertThat(arm("GET", CONTOSO, READER, null).statusCode()).isEqualTo(200);

        String endpoint = PROFILES + "/contoso/externalEndpoints/northeurope";
        HttpResponse<String> response =
                arm("PATCH", endpoint + "?" + TM_VERSION, READER, "{\"properties\":{\"endpointStatus\":\"Disabled\"}}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(errorCode(response)).isEqualTo("AuthorizationFailed");
        assertThat(errorMessage(response))
                .startsWith("The client 'emulator-reader' with object id '")
                .contains("perform action 'Microsoft.Network/trafficManagerProfiles/externalEndpoints/write' over "
                        + "scope '" + endpoint + "'");
        assertThat(body(get(CONTOSO))
                        .at("/properties/endpoints/0/properties/endpointStatus")
                        .asString())
                .isEqualTo("Enabled");
    }

    @Test
    void aPrincipalWithoutARoleSeesNoSubscriptionAndMayReadNothing() {
        String stranger = ArmTestSupport.token("someone-else");

        HttpResponse<String> subscriptions = arm("GET", "/subscriptions?api-version=2022-12-01", stranger, null);
        assertThat(subscriptions.statusCode()).isEqualTo(200);
        assertThat(body(subscriptions).path("value").size()).isZero();

        assertThat(arm("GET", CONTOSO, stranger, null).statusCode()).isEqualTo(403);
        HttpResponse<String> mine = arm("GET", "/subscriptions?api-version=2022-12-01", OPERATOR, null);
        assertThat(body(mine).at("/value/0/subscriptionId").asString())
                .isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(body(mine).at("/value/0/tenantId").asString()).isEqualTo("contoso");
    }

    @Test
    void theCloudsMetadataDocumentIsPublic() {
        HttpResponse<String> response = arm("GET", "/metadata/endpoints?api-version=2015-01-01", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).at("/authentication/loginEndpoint").asString())
                .isEqualTo("https://localhost:8071/");
        assertThat(body(response).at("/authentication/audiences/0").asString())
                .isEqualTo("https://management.core.windows.net/");
    }
}
