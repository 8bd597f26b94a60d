package dev.powerpages.emulator.trafficmanager.arm;

import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.GATEWAY_ANSWERS;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.GATEWAY_REQUESTS;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.GROUP;
import static dev.powerpages.emulator.trafficmanager.arm.ArmTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Front Door resources at ARM's paths, served from the gateway's admin API (a MockWebServer here: what the
 * endpoint sends the gateway, and what it makes of the answers).
 */
class FrontDoorResourcesTest extends ArmEndpointTest {

    private static final String POLICIES =
            GROUP + "/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies";
    private static final String VERSION = "api-version=2022-05-01";
    private static final String PURGE = GROUP + "/providers/Microsoft.Cdn/profiles/contoso-edge/afdEndpoints/contoso/"
            + "purge?api-version=2024-02-01";

    private static final String GATEWAY_POLICY = """
            {"name":"powerpagesWaf","type":"Microsoft.Network/frontdoorwebapplicationfirewallpolicies",
             "location":"Global","sku":{"name":"Premium_AzureFrontDoor"},
             "properties":{"policySettings":{"enabledState":"Disabled","mode":"Prevention"},
               "customRules":{"rules":[]},"managedRules":{"managedRuleSets":[]}}}""";

    @BeforeEach
    @AfterEach
    void clear() {
        GATEWAY_ANSWERS.clear();
        GATEWAY_REQUESTS.clear();
        ArmTestSupport.STATEFUL_GATEWAY = null;
    }

    @Test
    void theGatewaysPolicyIsTheArmResourceWithItsIdEtagAndState() throws Exception {
        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY));

        HttpResponse<String> response = get(POLICIES + "/PowerPagesWaf?" + VERSION);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode policy = body(response);
        JsonAssertions.assertThat(policy)
                .has("/id", POLICIES + "/powerpagesWaf")
                .has("/properties/provisioningState", "Succeeded")
                .has("/properties/resourceState", "Enabled")
                .has("/properties/policySettings/mode", "Prevention");
        assertThat(response.headers().firstValue("ETag"))
                .hasValue(policy.path("etag").asString());
        RecordedRequest sent = ArmTestSupport.gatewayRequest();
        assertThat(sent.getTarget()).isEqualTo("/_edge/admin/waf");
        assertThat(sent.getHeaders().get("X-Admin-Key")).isEqualTo("emulator-admin-key");
    }

    @Test
    void aPutSendsTheGatewayThePolicyWithoutArmsReadOnlyProperties() throws Exception {
        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY));
        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY.replace("Disabled", "Enabled")));

        HttpResponse<String> response = arm("PUT", POLICIES + "/powerpagesWaf?" + VERSION, OPERATOR, """
                {"location":"Global","etag":"x","properties":{"policySettings":{"enabledState":"Enabled"},
                 "provisioningState":"Succeeded","resourceState":"Enabled","securityPolicyLinks":[]}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonAssertions.assertThat(body(response)).has("/properties/policySettings/enabledState", "Enabled");
        ArmTestSupport.gatewayRequest();
        RecordedRequest put = ArmTestSupport.gatewayRequest();
        assertThat(put.getMethod()).isEqualTo("PUT");
        JsonNode sent = json.readTree(put.getBody().utf8());
        assertThat(sent.path("name").asString()).isEqualTo("powerpagesWaf");
        assertThat(sent.path("properties").propertyNames()).containsExactly("policySettings");
        assertThat(sent.has("etag")).isFalse();
    }

    @Test
    void thePoliciesInvalidSettingsComeBackAsArmsBadRequest() {
        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY));
        GATEWAY_ANSWERS.add(json(
                400,
                "{\"error\":{\"code\":\"InvalidResourceProperties\",\"message\":\"mode must "
                        + "be Prevention or Detection\"}}"));

        HttpResponse<String> response = arm(
                "PUT",
                POLICIES + "/powerpagesWaf?" + VERSION,
                OPERATOR,
                "{\"properties\":{\"policySettings\":{\"mode\":\"Audit\"}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("InvalidResourceProperties");
        assertThat(errorMessage(response)).contains("mode");
    }

    @Test
    void aPatchChangesTagsOnlyAndAStaleEtagIsRefused() throws Exception {
        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY));
        HttpResponse<String> settings = arm(
                "PATCH",
                POLICIES + "/powerpagesWaf?" + VERSION,
                OPERATOR,
                "{\"properties\":{\"policySettings\":{\"mode\":\"Detection\"}}}");
        assertThat(settings.statusCode()).isEqualTo(400);
        assertThat(errorMessage(settings)).contains("Only tags");

        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY));
        HttpResponse<String> stale = arm(
                "PATCH",
                POLICIES + "/powerpagesWaf?" + VERSION,
                OPERATOR,
                "{\"tags\":{\"env\":\"lab\"}}",
                "If-Match",
                "\"0000\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(errorCode(stale)).isEqualTo("PreconditionFailed");

        GATEWAY_REQUESTS.clear();
        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY));
        GATEWAY_ANSWERS.add(
                json(200, GATEWAY_POLICY.replace("\"location\"", "\"tags\":{\"env\":\"lab\"},\"location\"")));
        HttpResponse<String> tagged =
                arm("PATCH", POLICIES + "/powerpagesWaf?" + VERSION, OPERATOR, "{\"tags\":{\"env\":\"lab\"}}");
        assertThat(tagged.statusCode()).isEqualTo(200);
        JsonAssertions.assertThat(body(tagged)).has("/tags/env", "lab");
        ArmTestSupport.gatewayRequest();
        JsonNode sent = json.readTree(ArmTestSupport.gatewayRequest().getBody().utf8());
        JsonAssertions.assertThat(sent)
                .has("/tags/env", "lab")
                .has("/properties/policySettings/enabledState", "Disabled");
    }

    @Test
    void writersHoldingTheSameEtagAtTheSameTimeAreRefusedAllButOne() throws Exception {
        // A gateway that keeps the policy it was sent, and takes a while to write it (the window two writers share).
        AtomicReference<String> kept = new AtomicReference<>(GATEWAY_POLICY);
        ArmTestSupport.STATEFUL_GATEWAY = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getMethod().equals("PUT")) {
                    Thread.sleep(100);
                    kept.set(request.getBody().utf8());
                }
                return json(200, kept.get());
            }
        };
        String etag =
                body(get(POLICIES + "/powerpagesWaf?" + VERSION)).path("etag").asString();
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String tags = "{\"tags\":{\"writer\":\"" + i + "\"}}";
                String method = i % 2 == 0 ? "PATCH" : "PUT";
                String policy = method.equals("PATCH")
                        ? tags
                        : "{\"properties\":{\"policySettings\":" + "{\"mode\":\"Detection\"}}," + tags.substring(1);
                answers.add(pool.submit(
                        () -> arm(method, POLICIES + "/powerpagesWaf?" + VERSION, OPERATOR, policy, "If-Match", etag)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
            }
            assertThat(statuses).containsOnly(200, 412).containsOnlyOnce(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondPolicyNameConflictsWithTheEdgesOne() {
        GATEWAY_ANSWERS.add(json(200, GATEWAY_POLICY));

        HttpResponse<String> response =
                arm("PUT", POLICIES + "/anotherPolicy?" + VERSION, OPERATOR, "{\"properties\":{}}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(errorMessage(response)).contains("powerpagesWaf");
        assertThat(arm("PUT", POLICIES + "/not-valid?" + VERSION, OPERATOR, "{}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anUnreachableGatewayIsServiceUnavailableNotAnError500() {
        // No answer queued: the stand-in answers 503.
        HttpResponse<String> response = get(POLICIES + "?" + VERSION);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(errorCode(response)).isEqualTo("ServiceUnavailable");
    }

    @Test
    void aPurgeIsALongRunningOperationThatPurgesTheGatewaysCache() throws Exception {
        GATEWAY_ANSWERS.add(json(202, "{\"contentPaths\":[\"/css/*\"],\"purgedEntries\":3}"));

        HttpResponse<String> accepted = arm("POST", PURGE, OPERATOR, "{\"contentPaths\":[\"/css/*\"]}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Retry-After")).hasValue("1");
        String status = accepted.headers().firstValue("Azure-AsyncOperation").orElseThrow();
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(status)
                .contains("/providers/Microsoft.Cdn/operationresults/")
                .endsWith("api-version=2024-02-01");
        RecordedRequest purge = ArmTestSupport.gatewayRequest();
        assertThat(purge.getTarget()).isEqualTo("/_edge/admin/cdn/purge");
        assertThat(purge.getBody().utf8()).contains("\"/css/*\"");

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> body(get(pathOf(status))).path("status").asString().equals("Succeeded"));
        assertThat(get(pathOf(location)).statusCode()).isEqualTo(204);
    }

    @Test
    void aPurgeOfAnInvalidPathIsRefusedBeforeItIsAccepted() {
        HttpResponse<String> response = arm("POST", PURGE, OPERATOR, "{\"contentPaths\":[\"css/*.css\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GATEWAY_REQUESTS).isEmpty();
        assertThat(arm("POST", PURGE.replace("contoso-edge", "other"), OPERATOR, "{\"contentPaths\":[\"/*\"]}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(arm("POST", PURGE, READER, "{\"contentPaths\":[\"/*\"]}").statusCode())
                .isEqualTo(403);
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
