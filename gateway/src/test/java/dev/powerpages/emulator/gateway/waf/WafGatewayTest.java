package dev.powerpages.emulator.gateway.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WAF in the running gateway: policies set through the admin API acting on visitors' requests, Prevention and
 * Detection, custom rules, limits, logs. The admin API's key and its answer to an invalid policy are in the slice test
 * {@code admin.EdgeAdminApiTest}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WafGatewayTest {

    static final FakeAppNode north = new FakeAppNode("northeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    static final Path policyFile;

    static {
        try {
            policyFile = Files.createTempDirectory("waf-test").resolve("waf-policy.json");
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trafficManager.answer("northeurope", north.url(), 300);
        registry.add("gateway.traffic-manager.url", trafficManager::url);
        registry.add("gateway.waf.policy-file", policyFile::toString);
        registry.add("gateway.waf.geo-ip.[127.0.0.0/8]", () -> "IE");
        registry.add("gateway.waf.max-body-size", () -> "64KB");
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        north.close();
    }

    static final String KEY = "emulator-admin-key";

    static final String ENABLED_FULL = """
			{"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention","customBlockResponseStatusCode":403,"customBlockResponseBody":null},
			 "customRules":{"rules":[]},
			 "managedRules":{"managedRuleSets":[{"ruleSetType":"Microsoft_DefaultRuleSet","ruleSetVersion":"2.1","ruleSetAction":"Block"},
			   {"ruleSetType":"Microsoft_BotManagerRuleSet","ruleSetVersion":"1.0"}]}}}
			""";

    @LocalServerPort
    int port;

    WebTestClient client;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void enableFullRuleSet() {
        client = GatewayClient.at(port, Duration.ofSeconds(20));
        patch(ENABLED_FULL).expectStatus().isOk();
    }

    WebTestClient.ResponseSpec patch(String body) {
        return client.patch()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec get(String rawPathAndQuery) {
        return client.get()
                .uri(URI.create("http://localhost:" + port + rawPathAndQuery))
                .exchange();
    }

    @Test
    void blocksTheReadmeAttacksWithTheReferenceIdInTheAnswerAndTheLog() {
        int forwardedBefore = north.requests();
        for (String attack : new String[] {
            "/?q=%3Cscript%3Ealert(1)%3C/script%3E", "/?id=1'%20OR%20'1'='1", "/?file=../../etc/passwd"
        }) {
            var result = get(attack)
                    .expectStatus()
                    .isForbidden()
                    .expectBody(String.class)
                    .returnResult();
            String reference = result.getResponseHeaders().getFirst("X-Azure-Ref");
            assertThat(reference).isNotBlank();
            JsonNode error = json.readTree(result.getResponseBody());
            assertThat(error.at("/error/code").asString()).isEqualTo("RequestBlocked");
            assertThat(error.at("/error/reference").asString()).isEqualTo(reference);
            JsonNode logs = json.readTree(client.get()
                    .uri("/_edge/admin/waf/logs?reference={r}", reference)
                    .header("X-Admin-Key", KEY)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody());
            assertThat(logs.path("value").size()).as(attack).isPositive();
            assertThat(logs.path("value").get(0).path("action").asString()).isEqualTo("Block");
            assertThat(logs.path("value").get(0).path("clientIp").asString()).isNotBlank();
        }
        assertThat(north.requests()).isEqualTo(forwardedBefore);
    }

    @Test
    void answersBrowsersWithABlockPageNamingTheReference() {
        var result = client.get()
                .uri(URI.create("http://localhost:" + port + "/?q=%3Cscript%3Ealert(1)%3C/script%3E"))
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(String.class)
                .returnResult();
        assertThat(result.getResponseBody())
                .contains("blocked")
                .contains(result.getResponseHeaders().getFirst("X-Azure-Ref"));
    }

    @Test
    void letsOrdinaryTextInAnyScriptThroughWithTheFullRuleSet() {
        int forwardedBefore = north.requests();
        // café crème ✓, Привет мир, 你好世界, مرحبا, as a browser percent-encodes them.
        for (String text : new String[] {
            "caf%C3%A9%20cr%C3%A8me%20%E2%9C%93",
            "%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20%D0%BC%D0%B8%D1%80",
            "%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C",
            "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7"
        }) {
            get("/?q=" + text).expectStatus().isOk();
        }
        assertThat(north.requests()).isEqualTo(forwardedBefore + 4);
    }

    @Test
    void letsOrdinaryTrafficAndItsBodyThrough() {
        get("/search/?q=O%27Reilly%20books").expectStatus().isOk();
        client.post()
                .uri("/contact-us/")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("name=Se%C3%A1n+O%27Connor&message=Please+update+my+address%2C+thanks!")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void detectionModeLogsButPasses() {
        patch("{\"properties\":{\"policySettings\":{\"mode\":\"Detection\"}}}")
                .expectStatus()
                .isOk();
        var result = get("/?file=../../etc/passwd")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        String reference = result.getResponseHeaders().getFirst("X-Azure-Ref");
        String logs = client.get()
                .uri("/_edge/admin/waf/logs?reference={r}", reference)
                .header("X-Admin-Key", KEY)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        JsonNode entries = json.readTree(logs).path("value");
        assertThat(entries.size()).isPositive();
        java.util.List<String> groups = new java.util.ArrayList<>();
        for (JsonNode entry : entries) {
            assertThat(entry.path("action").asString()).isEqualTo("Log");
            assertThat(entry.path("policyMode").asString()).isEqualTo("Detection");
            groups.add(entry.path("ruleGroup").asString());
        }
        assertThat(groups).contains("LFI");
    }

    @Test
    void disabledPolicyInspectsNothing() {
        patch("{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\"}}}")
                .expectStatus()
                .isOk();
        get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").expectStatus().isOk();
    }

    @Test
    void customIpRuleBlocksAndGeoMatchUsesTheConfiguredMap() {
        patch("""
				{"properties":{"customRules":{"rules":[{"name":"BlockLoopback","priority":10,"ruleType":"MatchRule","action":"Block",
				 "matchConditions":[{"matchVariable":"RemoteAddr","operator":"IPMatch","matchValue":["127.0.0.0/8","::1"]},
				                    {"matchVariable":"RequestUri","operator":"Contains","transforms":["Lowercase"],"matchValue":["/private"]}]}]}}}
				""").expectStatus().isOk();
        get("/PRIVATE/report").expectStatus().isForbidden();
        get("/public").expectStatus().isOk();
        patch("""
				{"properties":{"policySettings":{"customBlockResponseStatusCode":406},"customRules":{"rules":[{"name":"NoIreland","priority":1,
				 "ruleType":"MatchRule","action":"Block","matchConditions":[{"matchVariable":"RemoteAddr","operator":"GeoMatch","matchValue":["IE"]}]}]}}}
				""").expectStatus().isOk();
        get("/").expectStatus().isEqualTo(406);
    }

    @Test
    void rateLimitRuleBlocksAClientOverTheThreshold() {
        patch("""
				{"properties":{"customRules":{"rules":[{"name":"Limit","priority":1,"ruleType":"RateLimitRule","action":"Block",
				 "rateLimitDurationInMinutes":1,"rateLimitThreshold":3,
				 "matchConditions":[{"matchVariable":"RequestUri","operator":"BeginsWith","matchValue":["/limited"]}]}]}}}
				""").expectStatus().isOk();
        for (int i = 0; i < 3; i++) {
            get("/limited").expectStatus().isOk();
        }
        get("/limited").expectStatus().isForbidden();
        get("/other").expectStatus().isOk();
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndIsSavedToTheFile() throws Exception {
        patch(
                        "{\"properties\":{\"policySettings\":{\"customBlockResponseBody\":\"PGgxPkJsb2NrZWQge3thenVyZS1yZWZ9fTwvaDE+\"}}}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.policySettings.enabledState")
                .isEqualTo("Enabled");
        var result = get("/?q=%3Cscript%3Ealert(1)%3C/script%3E")
                .expectStatus()
                .isForbidden()
                .expectBody(String.class)
                .returnResult();
        assertThat(result.getResponseBody())
                .isEqualTo("<h1>Blocked " + result.getResponseHeaders().getFirst("X-Azure-Ref") + "</h1>");
        JsonNode saved = json.readTree(Files.readString(policyFile));
        assertThat(saved.at("/properties/policySettings/customBlockResponseBody")
                        .asString())
                .isNotBlank();
    }

    @Test
    void putReplacesTheWholePolicyAndDeleteLeavesTheEdgeWithoutOneUntilTheNextPut() throws Exception {
        String whole = """
				{"name":"contosoWaf","location":"Global","tags":{"owner":"ops"},
				 "properties":{"policySettings":{"enabledState":"Enabled","mode":"Detection"},
				 "managedRules":{"managedRuleSets":[{"ruleSetType":"Microsoft_DefaultRuleSet","ruleSetVersion":"2.1","ruleSetAction":"Block"}]}}}
				""";
        put(whole)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("contosoWaf")
                .jsonPath("$.tags.owner")
                .isEqualTo("ops")
                .jsonPath("$.properties.customRules")
                .doesNotExist()
                .jsonPath("$.properties.policySettings.customBlockResponseStatusCode")
                .isEqualTo(403);
        // Detection: an attack is logged, not blocked.
        get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").expectStatus().isOk();

        put(ENABLED_FULL.replace("\"customBlockResponseStatusCode\":403", "\"customBlockResponseStatusCode\":999"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("InvalidResourceProperties");

        client.delete()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .exchange()
                .expectStatus()
                .isOk();
        client.delete()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .exchange()
                .expectStatus()
                .isNoContent();
        client.get()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("ResourceNotFound");
        assertThat(json.readTree(Files.readString(policyFile)).path("deleted").asBoolean())
                .isTrue();
        get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").expectStatus().isOk();

        put(ENABLED_FULL).expectStatus().isCreated();
        get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").expectStatus().isForbidden();
    }

    WebTestClient.ResponseSpec put(String body) {
        return client.put()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void edgeLimitsAnswer414And431And413() {
        get("/?q=" + "a".repeat(9000)).expectStatus().isEqualTo(414);
        client.get()
                .uri("/")
                .header("X-Big", "b".repeat(33 * 1024))
                .exchange()
                .expectStatus()
                .isEqualTo(431);
        client.post()
                .uri("/upload")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[65 * 1024])
                .exchange()
                .expectStatus()
                .isEqualTo(413);
    }
}
