package dev.powerpages.emulator.trafficmanager.arm;

import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.GROUP;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.PROFILES;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.SUBSCRIPTION;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.TM_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The rules every ARM request follows: api-version, scopes, case, tracing headers, and which port serves what. */
class ArmRequestRulesTest extends ArmEndpointTest {

    @Test
    void aRequestWithoutApiVersionIsRefusedAsArmRefusesIt() {
        HttpResponse<String> response = get(PROFILES + "/contoso");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("MissingApiVersionParameter");
        assertThat(errorMessage(response))
                .isEqualTo("The api-version query parameter (?api-version=) is required for all requests.");
    }

    @Test
    void aVersionTrafficManagerDoesNotHaveNamesTheVersionsItHas() {
        HttpResponse<String> response = get(PROFILES + "/contoso?api-version=2021-01-01");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("NoRegisteredProviderFound");
        assertThat(errorMessage(response))
                .contains("'2021-01-01'")
                .contains("'trafficManagerProfiles'")
                .contains("2022-04-01-preview")
                .contains("2018-08-01");
    }

    @Test
    void theVersionsAzureClientsSendAreAccepted() {
        // The Java SDK sends 2022-04-01, az 2.45 2022-04-01-preview (Traffic Manager) and 2019-11-01 (subscriptions).
        assertThat(get(PROFILES + "/contoso?api-version=2022-04-01").statusCode())
                .isEqualTo(200);
        assertThat(get(PROFILES + "/contoso?api-version=2022-04-01-preview").statusCode())
                .isEqualTo(200);
        assertThat(get(SUBSCRIPTION + "?api-version=2019-11-01").statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedVersionAndAnUnknownResourceManagerVersionAreInvalid() {
        HttpResponse<String> malformed = get(PROFILES + "/contoso?api-version=latest");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(errorCode(malformed)).isEqualTo("InvalidApiVersionParameter");

        HttpResponse<String> subscriptions = get(SUBSCRIPTION + "?api-version=2099-01-01");
        assertThat(subscriptions.statusCode()).isEqualTo(400);
        assertThat(errorCode(subscriptions)).isEqualTo("InvalidApiVersionParameter");
        assertThat(errorMessage(subscriptions))
                .startsWith("The api-version '2099-01-01' is invalid. The supported " + "versions are '2025-04-01,");
    }

    @Test
    void otherSubscriptionsGroupsAndNamesAreNotFound() {
        HttpResponse<String> subscription = get("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
                + "emulator/providers/Microsoft.Network/trafficManagerProfiles/contoso?" + TM_VERSION);
        assertThat(subscription.statusCode()).isEqualTo(404);
        assertThat(errorCode(subscription)).isEqualTo("SubscriptionNotFound");

        HttpResponse<String> group = get(SUBSCRIPTION + "/resourceGroups/production/providers/Microsoft.Network/"
                + "trafficManagerProfiles/contoso?" + TM_VERSION);
        assertThat(group.statusCode()).isEqualTo(404);
        assertThat(errorCode(group)).isEqualTo("ResourceGroupNotFound");
        assertThat(errorMessage(group)).isEqualTo("Resource group 'production' could not be found.");

        HttpResponse<String> profile = get(PROFILES + "/fabrikam?" + TM_VERSION);
        assertThat(profile.statusCode()).isEqualTo(404);
        assertThat(errorCode(profile)).isEqualTo("ResourceNotFound");

        HttpResponse<String> type = get(GROUP + "/providers/Microsoft.Network/trafficManagerThings/x?" + TM_VERSION);
        assertThat(type.statusCode()).isEqualTo(404);
        assertThat(errorCode(type)).isEqualTo("InvalidResourceType");
    }

    @Test
    void pathsMatchWithoutRegardToCase() {
        String lower = "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/EMULATOR/providers/"
                + "microsoft.network/trafficmanagerprofiles/CONTOSO/ExternalEndpoints/NorthEurope?" + TM_VERSION;

        HttpResponse<String> response = get(lower);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("name").asString()).isEqualTo("northeurope");
        assertThat(body(response).path("type").asString())
                .isEqualTo("Microsoft.Network/trafficManagerProfiles/externalEndpoints");
    }

    @Test
    void aResourceIdJoinedToTheEndpointWithADoubleSlashIsServed() {
        // The Azure SDK's generic resource calls join "https://localhost:8060/" and "/subscriptions/…".
        HttpResponse<String> response = get("/" + PROFILES + "/contoso?" + TM_VERSION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("name").asString()).isEqualTo("contoso");
    }

    @Test
    void everyAnswerCarriesArmsTracingHeadersAndEchoesTheCorrelationId() {
        HttpResponse<String> response = arm(
                "GET",
                PROFILES + "/contoso?" + TM_VERSION,
                OPERATOR,
                null,
                "x-ms-correlation-request-id",
                "3f2e5a1c-0000-4000-8000-000000000001");
        HttpResponse<String> refused = arm(
                "GET",
                PROFILES + "/contoso",
                null,
                null,
                "x-ms-correlation-request-id",
                "3f2e5a1c-0000-4000-8000-000000000002");

        assertThat(response.headers().firstValue("x-ms-correlation-request-id"))
                .hasValue("3f2e5a1c-0000-4000-8000-000000000001");
        assertThat(refused.headers().firstValue("x-ms-correlation-request-id"))
                .hasValue("3f2e5a1c-0000-4000-8000-000000000002");
        assertThat(response.headers().firstValue("x-ms-request-id").orElseThrow())
                .isNotEqualTo(refused.headers().firstValue("x-ms-request-id").orElseThrow())
                .matches("[0-9a-f-]{36}");
        assertThat(response.headers().firstValue("x-ms-routing-request-id").orElseThrow())
                .startsWith("NORTHEUROPE:");
    }

    @Test
    void eachPortServesOnlyItsOwnDoor() {
        HttpResponse<String> armOnMain =
                ArmTestSupport.send(mainPort, "GET", PROFILES + "/contoso?" + TM_VERSION, OPERATOR, null);
        assertThat(armOnMain.statusCode()).isEqualTo(404);
        assertThat(errorMessage(armOnMain)).contains("served on port " + connector.localPort());

        HttpResponse<String> labsOnArm = arm("GET", "/api/profiles/contoso", OPERATOR, null);
        assertThat(labsOnArm.statusCode()).isEqualTo(404);
        assertThat(errorCode(labsOnArm)).isEqualTo("NotFound");

        assertThat(ArmTestSupport.send(mainPort, "GET", "/api/profiles/contoso", null, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void resourceManagersOwnResourcesDescribeTheEmulatorsSubscription() {
        JsonAssertions.assertThat(body(get(GROUP + "?api-version=2022-09-01")))
                .has("/name", "emulator")
                .has("/properties/provisioningState", "Succeeded");
        assertThat(arm("HEAD", SUBSCRIPTION + "/resourcegroups/emulator?api-version=2022-09-01", OPERATOR, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(arm("HEAD", SUBSCRIPTION + "/resourcegroups/other?api-version=2022-09-01", OPERATOR, null)
                        .statusCode())
                .isEqualTo(404);
        JsonAssertions.assertThat(body(get("/tenants?api-version=2022-12-01"))).has("/value/0/tenantId", "contoso");
        HttpResponse<String> network = get(SUBSCRIPTION + "/providers/Microsoft.Network?api-version=2021-04-01");
        assertThat(network.body())
                .contains("\"resourceType\":\"trafficManagerProfiles\"")
                .contains("\"2022-04-01\"")
                .contains("\"registrationState\":\"Registered\"");
        HttpResponse<String> resources = get(GROUP + "/resources?api-version=2021-04-01");
        assertThat(resources.body()).contains(PROFILES + "/contoso").contains("Microsoft.Cdn/profiles/contoso-edge");
    }
}
