package dev.powerpages.emulator.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * "No one gets in" at the edge: every {@code /_edge/admin/**} endpoint — enumerated from the
 * handler mappings, so an endpoint added later is checked without editing this test — refuses a
 * missing and a wrong {@code X-Admin-Key} and serves the right one; encoded and matrix-parameter
 * spellings of the prefix do not get around the key; the gateway's actuator shows only health,
 * info and prometheus (the project's policy, as metadata-store's ExposureTest) and never forwards
 * the rest to an app node's actuator; malformed or deeply nested JSON to the admin API gets 400.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EdgeAdminSecurityTest {

    static final String KEY = "emulator-admin-key";

    static final FakeAppNode north = new FakeAppNode("northeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        trafficManager.answer("northeurope", north.url(), 300);
        Path data = Files.createTempDirectory("edge-admin-security");
        registry.add("gateway.traffic-manager.url", trafficManager::url);
        registry.add(
                "gateway.waf.policy-file", () -> data.resolve("waf-policy.json").toString());
        registry.add(
                "gateway.cdn.settings-file",
                () -> data.resolve("cdn-settings.json").toString());
        registry.add("gateway.cdn.site-settings.enabled", () -> "false");
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        north.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    void everyAdminEndpointRefusesAMissingOrWrongKeyAndServesTheRightOne() throws Exception {
        List<Endpoint> endpoints = new java.util.ArrayList<>(adminEndpoints());
        // Deletes last: a deleted WAF policy answers 404 to the reads until a PUT brings one back.
        endpoints.sort(java.util.Comparator.comparing(endpoint -> endpoint.method() == RequestMethod.DELETE));
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
            assertThat(send(endpoint, null).statusCode())
                    .as("%s without a key", endpoint)
                    .isEqualTo(401);
            assertThat(send(endpoint, "wrong-key").statusCode())
                    .as("%s with a wrong key", endpoint)
                    .isEqualTo(401);
            assertThat(send(endpoint, KEY.toUpperCase()).statusCode())
                    .as("%s with the key in capitals", endpoint)
                    .isEqualTo(401);
            assertThat(send(endpoint, KEY.substring(0, KEY.length() - 1)).statusCode())
                    .as("%s with a prefix of the key", endpoint)
                    .isEqualTo(401);
            HttpResponse<String> accepted = send(endpoint, KEY);
            assertThat(accepted.statusCode())
                    .as("%s with the key: %s", endpoint, accepted.body())
                    .isBetween(200, 299);
        }
        System.out.println("Admin key check: " + endpoints.size() + " admin endpoints x 5 keys: " + endpoints);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/_edge/%61dmin/waf",
                "/_edge/admin;x=1/waf",
                "/_edge;x=1/admin/waf",
                "/%5Fedge/admin/waf",
                "/_edge//admin/waf",
                "/_edge/admin/waf/",
                "/_edge/admin/./waf",
                "/_edge/./admin/waf",
                "/_edge/admin/waf;",
                "/_edge/admin/%77af",
                "/_edge/admin/waf%2F",
                "/_EDGE/admin/waf",
                "/_edge/ADMIN/waf"
            })
    void encodedSpellingsOfTheAdminPrefixDoNotGetAroundTheKey(String rawPath) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // Paths are case-sensitive: /_EDGE/… is the site's, and may reach the app node like any page.
        boolean fromTheSite = response.headers().firstValue("X-PP-Region").isPresent();
        assertThat(fromTheSite || Set.of(400, 401, 404).contains(response.statusCode()))
                .as("%s answered %d", rawPath, response.statusCode())
                .isTrue();
        assertThat(response.body()).as(rawPath).doesNotContain("policySettings").doesNotContain("managedRules");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/info", "/actuator/prometheus"})
    void actuatorShowsHealthInfoAndPrometheus(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/beans",
                "/actuator/loggers",
                "/actuator/threaddump",
                "/actuator/mappings",
                "/actuator/shutdown",
                "/actuator/gateway",
                "/actuator/gateway/routes",
                "/actuator/metrics",
                "/actuator/caches",
                "/actuator/scheduledtasks",
                "/actuator/%65nv",
                "/actuator;x/env"
            })
    void actuatorHidesEverythingElseAndNeverForwardsItToAnAppNode(String path) throws Exception {
        int before = north.requests();
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("X-PP-Region"))
                .as(path + " reached an app node")
                .isEmpty();
        assertThat(north.requests()).as(path + " reached an app node").isEqualTo(before);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("POST " + path).isIn(404, 405);
        assertThat(north.requests()).as("POST " + path + " reached an app node").isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH /_edge/admin/waf", "PATCH /_edge/admin/cdn", "POST /_edge/admin/cdn/purge"})
    void adminApiAnswersMalformedOrDeeplyNestedJsonWith400(String endpoint) throws Exception {
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
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .method(method, HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .header("X-Admin-Key", KEY)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String shown = body.length() > 20 ? body.substring(0, 20) + "…" : body;
            assertThat(response.statusCode()).as("%s %s", endpoint, shown).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as("%s %s", endpoint, shown)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body())
                    .as("%s %s", endpoint, shown)
                    .contains("\"error\"")
                    .contains("\"code\"");
        }
    }

    private HttpResponse<String> get(String rawPath) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String WHOLE_POLICY =
            "{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\",\"mode\":\"Detection\"},"
                    + "\"customRules\":{\"rules\":[]},\"managedRules\":{\"managedRuleSets\":[]}}}";

    private HttpResponse<String> send(Endpoint endpoint, String key) throws Exception {
        String path = endpoint.path().replace("{*path}", "x").replaceAll("\\{[^}]+}", "x");
        String body = path.endsWith("/purge")
                ? "{\"contentPaths\":[\"/nothing-cached\"]}"
                // A PUT replaces the whole policy: it must be one.
                : endpoint.method() == RequestMethod.PUT && path.endsWith("/waf") ? WHOLE_POLICY : "{}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("X-Admin-Key", key);
        }
        request.method(
                endpoint.method().name(),
                endpoint.method() == RequestMethod.GET
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
