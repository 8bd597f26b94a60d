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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "No one gets in" at the edge, through the running gateway: encoded and matrix-parameter spellings of the
 * {@code /_edge/admin} prefix do not get around the key (nor reach the WAF policy through the site's route); the
 * gateway's actuator shows only health, info, prometheus and metrics (the project's policy, as metadata-store's
 * ExposureTest; metrics since the dashboard reads single meters as JSON, what prometheus shows anyway) and never forwards the rest to an app node's actuator. The admin API's own key check and its 400s for malformed
 * JSON, which need no routing, are in the slice test {@code admin.EdgeAdminApiTest}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EdgeAdminSecurityTest {

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

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    @ValueSource(
            strings = {
                "/actuator/health",
                "/actuator/info",
                "/actuator/prometheus",
                "/actuator/metrics",
                "/actuator/metrics/gateway.edge.requests"
            })
    void actuatorShowsHealthInfoPrometheusAndMetrics(String path) throws Exception {
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

    private HttpResponse<String> get(String rawPath) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
