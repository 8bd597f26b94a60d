package dev.powerpages.emulator.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The edge's admin API on its own ({@link EdgeAdminWebSlice}: no routing, no app node): every
 * {@code /_edge/admin/**} endpoint — enumerated from the handler mappings, so an endpoint added later is checked
 * without editing this test — refuses a missing and a wrong {@code X-Admin-Key} and serves the right one; malformed
 * or deeply nested JSON gets 400 in the edge's error shape; an invalid WAF policy gets Azure's 400 and leaves the
 * policy as it was. What needs a visitor's request through the gateway (encoded spellings of the prefix, the
 * actuator, the WAF blocking) is in {@code EdgeAdminSecurityTest} and {@code WafGatewayTest}.
 */
@EdgeAdminWebSlice
class EdgeAdminApiTest {

    static final String KEY = "emulator-admin-key";

    static final String ENABLED_FULL = """
            {"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention","customBlockResponseStatusCode":403,"customBlockResponseBody":null},
             "customRules":{"rules":[]},
             "managedRules":{"managedRuleSets":[{"ruleSetType":"Microsoft_DefaultRuleSet","ruleSetVersion":"2.1","ruleSetAction":"Block"},
               {"ruleSetType":"Microsoft_BotManagerRuleSet","ruleSetVersion":"1.0"}]}}}
            """;

    private static final String WHOLE_POLICY =
            "{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\",\"mode\":\"Detection\"},"
                    + "\"customRules\":{\"rules\":[]},\"managedRules\":{\"managedRuleSets\":[]}}}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("edge-admin-api");
        registry.add(
                "gateway.waf.policy-file", () -> data.resolve("waf-policy.json").toString());
        registry.add(
                "gateway.cdn.settings-file",
                () -> data.resolve("cdn-settings.json").toString());
        registry.add("gateway.cdn.site-settings.enabled", () -> "false");
        // Never asked here (GET /origin shows the cached answer, none in this slice); nothing listens on port 9.
        registry.add("gateway.traffic-manager.url", () -> "http://127.0.0.1:9");
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    /** Each test starts from the full rule set in Prevention, as an administrator would have set it. */
    @BeforeEach
    void putTheFullRuleSet() {
        client.put()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ENABLED_FULL)
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    record Endpoint(RequestMethod method, String path) {}

    /** Every (method, path) the gateway's controllers serve under /_edge/admin. */
    List<Endpoint> adminEndpoints() {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> {
                    for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                        String path = pattern.getPatternString();
                        if (!path.startsWith("/_edge/admin")) {
                            continue;
                        }
                        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                            if (seen.add(method + " " + path)) {
                                endpoints.add(new Endpoint(method, path));
                            }
                        }
                    }
                }));
        return endpoints;
    }

    @Test
    void everyAdminEndpointRefusesAMissingOrWrongKeyAndServesTheRightOne() {
        List<Endpoint> endpoints = new ArrayList<>(adminEndpoints());
        // Deletes last: a deleted WAF policy answers 404 to the reads until a PUT brings one back.
        endpoints.sort(Comparator.comparing(endpoint -> endpoint.method() == RequestMethod.DELETE));
        // The enumeration itself must work: the contract's endpoints are among those found.
        assertThat(endpoints)
                .extracting(e -> e.method() + " " + e.path())
                .contains(
                        "GET /_edge/admin/waf",
                        "PATCH /_edge/admin/waf",
                        "GET /_edge/admin/waf/logs",
                        "GET /_edge/admin/cdn",
                        "PATCH /_edge/admin/cdn",
                        "POST /_edge/admin/cdn/purge",
                        "GET /_edge/admin/origin");
        for (Endpoint endpoint : endpoints) {
            assertThat(send(endpoint, null).getStatus().value())
                    .as("%s without a key", endpoint)
                    .isEqualTo(401);
            assertThat(send(endpoint, "wrong-key").getStatus().value())
                    .as("%s with a wrong key", endpoint)
                    .isEqualTo(401);
            assertThat(send(endpoint, KEY.toUpperCase()).getStatus().value())
                    .as("%s with the key in capitals", endpoint)
                    .isEqualTo(401);
            assertThat(send(endpoint, KEY.substring(0, KEY.length() - 1))
                            .getStatus()
                            .value())
                    .as("%s with a prefix of the key", endpoint)
                    .isEqualTo(401);
            EntityExchangeResult<String> accepted = send(endpoint, KEY);
            assertThat(accepted.getStatus().value())
                    .as("%s with the key: %s", endpoint, accepted.getResponseBody())
                    .isBetween(200, 299);
        }
        System.out.println("Admin key check: " + endpoints.size() + " admin endpoints x 5 keys: " + endpoints);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH /_edge/admin/waf", "PATCH /_edge/admin/cdn", "POST /_edge/admin/cdn/purge"})
    void adminApiAnswersMalformedOrDeeplyNestedJsonWith400(String endpoint) {
        String method = endpoint.split(" ")[0];
        String path = endpoint.split(" ")[1];
        List<String> bodies = List.of(
                "{\"properties\":",
                "{",
                "not json",
                "\"\\ud800\"",
                "{\"a\":1,}",
                "[".repeat(100_000),
                "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "[]",
                "null",
                "\u0000");
        for (String body : bodies) {
            EntityExchangeResult<String> response = client.method(HttpMethod.valueOf(method))
                    .uri(path)
                    .header("X-Admin-Key", KEY)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            String shown = body.length() > 20 ? body.substring(0, 20) + "…" : body;
            assertThat(response.getStatus().value())
                    .as("%s %s", endpoint, shown)
                    .isEqualTo(400);
            assertThat(response.getResponseHeaders().getContentType())
                    .as("%s %s", endpoint, shown)
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON))
                            .isTrue());
            assertThat(response.getResponseBody())
                    .as("%s %s", endpoint, shown)
                    .contains("\"error\"")
                    .contains("\"code\"");
        }
    }

    @Test
    void adminApiNeedsTheKeyAndRejectsInvalidPolicies() {
        client.get().uri("/_edge/admin/waf").exchange().expectStatus().isUnauthorized();
        client.patch()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue(
                        "{\"properties\":{\"policySettings\":{\"customBlockResponseStatusCode\":500,\"mode\":\"Audit\"}}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("InvalidResourceProperties")
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message)
                        .contains("customBlockResponseStatusCode")
                        .contains("mode"));
        client.get()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.policySettings.mode")
                .isEqualTo("Prevention")
                .jsonPath("$.properties.policySettings.customBlockResponseStatusCode")
                .isEqualTo(403);
    }

    private EntityExchangeResult<String> send(Endpoint endpoint, String key) {
        String path = endpoint.path().replace("{*path}", "x").replaceAll("\\{[^}]+}", "x");
        String body = path.endsWith("/purge")
                ? "{\"contentPaths\":[\"/nothing-cached\"]}"
                // A PUT replaces the whole policy: it must be one.
                : endpoint.method() == RequestMethod.PUT && path.endsWith("/waf") ? WHOLE_POLICY : "{}";
        WebTestClient.RequestBodySpec request = client.method(
                        HttpMethod.valueOf(endpoint.method().name()))
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request.header("X-Admin-Key", key);
        }
        WebTestClient.RequestHeadersSpec<?> withBody =
                endpoint.method() == RequestMethod.GET ? request : request.bodyValue(body);
        return withBody.exchange().expectBody(String.class).returnResult();
    }
}
