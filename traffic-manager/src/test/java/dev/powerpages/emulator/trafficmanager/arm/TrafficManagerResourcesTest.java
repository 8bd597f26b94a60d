package dev.powerpages.emulator.trafficmanager.arm;

import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.PROFILES;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.SUBSCRIPTION;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.TM_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Traffic Manager profiles and endpoints at ARM's paths: the same profiles the labs' API and the probes use. */
class TrafficManagerResourcesTest extends ArmEndpointTest {

    @Test
    void theDemoProfileAndItsEndpointsAreListedInTheGroupAndTheSubscription() {
        HttpResponse<String> byGroup = get(PROFILES + "?" + TM_VERSION);
        HttpResponse<String> bySubscription =
                get(SUBSCRIPTION + "/providers/Microsoft.Network/trafficmanagerprofiles?" + TM_VERSION);

        for (HttpResponse<String> list : java.util.List.of(byGroup, bySubscription)) {
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(body(list).path("value").findValuesAsString("name"))
                    .contains("contoso", "northeurope", "westeurope");
        }
        JsonAssertions.assertThat(body(get(PROFILES + "/contoso?" + TM_VERSION)))
                .has("/id", PROFILES + "/contoso")
                .has("/properties/dnsConfig/fqdn", "contoso.trafficmanager.net")
                .has("/properties/endpoints/0/type", "Microsoft.Network/trafficManagerProfiles/externalEndpoints");
    }

    @Test
    void disablingAnEndpointThroughArmIsWhatTheLabsApiShows() {
        String endpoint = PROFILES + "/contoso/ExternalEndpoints/westeurope?" + TM_VERSION;
        try {
            HttpResponse<String> patched =
                    arm("PATCH", endpoint, OPERATOR, "{\"properties\":{\"endpointStatus\":\"Disabled\"}}");
            assertThat(patched.statusCode()).isEqualTo(200);
            JsonAssertions.assertThat(body(patched))
                    .has("/properties/endpointStatus", "Disabled")
                    .has("/properties/endpointMonitorStatus", "Disabled");

            HttpResponse<String> labs =
                    ArmTestSupport.send(mainPort, "GET", "/api/profiles/contoso/endpoints/westeurope", null, null);
            JsonAssertions.assertThat(body(labs)).has("/properties/endpointStatus", "Disabled");
        } finally {
            arm("PATCH", endpoint, OPERATOR, "{\"properties\":{\"endpointStatus\":\"Enabled\"}}");
        }
        JsonAssertions.assertThat(body(get(endpoint))).has("/properties/endpointStatus", "Enabled");
    }

    @Test
    void aProfileIsCreatedReplacedChangedAndDeletedAsArmDoes() {
        String profile = PROFILES + "/fabrikamArm?" + TM_VERSION;
        String definition = """
                {"location":"global","properties":{"profileStatus":"Enabled","trafficRoutingMethod":"Priority",
                 "dnsConfig":{"relativeName":"fabrikam-arm","ttl":30},
                 "monitorConfig":{"protocol":"HTTPS","port":443,"path":"/"},
                 "endpoints":[{"name":"primary","type":"Microsoft.Network/trafficManagerProfiles/ExternalEndpoints",
                   "properties":{"target":"fabrikam-ne.example","endpointStatus":"Enabled","priority":1}}]}}""";

        assertThat(arm("PUT", profile, OPERATOR, definition).statusCode()).isEqualTo(201);
        assertThat(arm("PUT", profile, OPERATOR, definition).statusCode()).isEqualTo(200);

        HttpResponse<String> secondary = arm(
                "PUT",
                PROFILES + "/fabrikamArm/externalEndpoints/secondary?" + TM_VERSION,
                OPERATOR,
                "{\"properties\":{\"target\":\"fabrikam-we.example\",\"priority\":2}}");
        assertThat(secondary.statusCode()).isEqualTo(201);
        JsonAssertions.assertThat(body(secondary)).has("/id", PROFILES + "/fabrikamArm/externalEndpoints/secondary");

        HttpResponse<String> patched = arm("PATCH", profile, OPERATOR, "{\"properties\":{\"dnsConfig\":{\"ttl\":60}}}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(body(patched).at("/properties/dnsConfig/ttl").asInt()).isEqualTo(60);
        assertThat(body(patched).at("/properties/endpoints").size()).isEqualTo(2);

        HttpResponse<String> invalid =
                arm("PATCH", profile, OPERATOR, "{\"properties\":{\"monitorConfig\":{\"intervalInSeconds\":7}}}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(errorCode(invalid)).isEqualTo("BadRequest");

        assertThat(arm("DELETE", profile, OPERATOR, null).statusCode()).isEqualTo(200);
        assertThat(arm("DELETE", profile, OPERATOR, null).statusCode()).isEqualTo(204);
        assertThat(get(profile).statusCode()).isEqualTo(404);
    }

    @Test
    void aPutOfTheProfileAsAnAzureClientReadItKeepsTheEmulatorsOwnSettings() {
        // The Java SDK's fluent update PUTs back what it read, without the emulator's extension (fast probing).
        tools.jackson.databind.node.ObjectNode read =
                (tools.jackson.databind.node.ObjectNode) body(get(PROFILES + "/contoso?" + TM_VERSION));
        ((tools.jackson.databind.node.ObjectNode) read.get("properties")).remove("emulator");

        HttpResponse<String> response = arm("PUT", PROFILES + "/contoso?" + TM_VERSION, OPERATOR, read.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).at("/properties/emulator/fastProbing").asBoolean())
                .isTrue();
        assertThat(body(response)
                        .at("/properties/monitorConfig/intervalInSeconds")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void anEndpointIsOnlyFoundUnderItsOwnType() {
        HttpResponse<String> response = get(PROFILES + "/contoso/azureEndpoints/northeurope?" + TM_VERSION);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(errorCode(response)).isEqualTo("ResourceNotFound");
        HttpResponse<String> unknownType = get(PROFILES + "/contoso/cloudEndpoints/northeurope?" + TM_VERSION);
        assertThat(errorCode(unknownType)).isEqualTo("InvalidResourceType");
    }

    @Test
    void theNameCheckSaysWhetherARelativeDnsNameIsTaken() {
        String check =
                SUBSCRIPTION + "/providers/Microsoft.Network/checkTrafficManagerNameAvailabilityV2?" + TM_VERSION;

        HttpResponse<String> taken = arm(
                "POST",
                check,
                OPERATOR,
                "{\"name\":\"contoso\",\"type\":\"Microsoft.Network/trafficManagerProfiles\"}");
        HttpResponse<String> free = arm(
                "POST",
                check,
                OPERATOR,
                "{\"name\":\"woodgrove\",\"type\":\"Microsoft.Network/trafficManagerProfiles\"}");

        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(body(taken).path("nameAvailable").asBoolean()).isFalse();
        assertThat(body(taken).path("reason").asString()).isEqualTo("AlreadyExists");
        assertThat(body(free).path("nameAvailable").asBoolean()).isTrue();
        assertThat(arm("POST", check, READER, "{\"name\":\"x\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyThatIsNotJsonIsInvalidRequestContent() {
        HttpResponse<String> response = arm("PUT", PROFILES + "/broken?" + TM_VERSION, OPERATOR, "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("InvalidRequestContent");
    }
}
