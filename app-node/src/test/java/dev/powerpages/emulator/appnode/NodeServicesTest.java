package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeServicesTest extends FakeStoreTestSupport {

    @AfterEach
    void clearFaults() {
        http.delete("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY);
    }

    @Test
    void healthIsHealthyWhenTheSiteIsLoadedAndFresh() {
        HttpResponse<String> response = http.get("/_services/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "\"status\":\"Healthy\"",
                        "\"region\":\"northeurope\"",
                        "\"node\":\"northeurope-1\"",
                        "\"reasons\":[]",
                        "\"website\":\"Contoso Pages\"");
    }

    @Test
    void chaosRequiresTheAdminKey() {
        assertThat(http.get("/_services/chaos").statusCode()).isEqualTo(401);
        assertThat(http.put("/_services/chaos", "{\"failHealth\":true}", "X-Admin-Key", "wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.delete("/_services/chaos").statusCode()).isEqualTo(401);
        assertThat(http.get("/_services/health").statusCode())
                .as("nothing was injected")
                .isEqualTo(200);
    }

    @Test
    void chaosFieldsCombineAndDeleteClearsThem() {
        http.put("/_services/chaos", "{\"latencyMs\":5}", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        HttpResponse<String> combined =
                http.put("/_services/chaos", "{\"errorRate\":0.25}", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        assertThat(combined.statusCode()).isEqualTo(200);
        assertThat(combined.body()).contains("\"latencyMs\":5", "\"errorRate\":0.25", "\"failHealth\":false");
        assertThat(http.get("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .body())
                .contains("\"latencyMs\":5", "\"errorRate\":0.25");

        http.delete("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        assertThat(http.get("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .body())
                .contains("\"latencyMs\":0", "\"errorRate\":0.0");
    }

    @Test
    void rejectsAnErrorRateOutsideZeroToOne() {
        HttpResponse<String> response =
                http.put("/_services/chaos", "{\"errorRate\":2}", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("errorRate");
    }

    @Test
    void failHealthMakesTheNodeUnhealthy() {
        http.put("/_services/chaos", "{\"failHealth\":true}", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        HttpResponse<String> response = http.get("/_services/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"Unhealthy\"", "failHealth");
        assertThat(response.headers().firstValue("X-PP-Region")).hasValue("northeurope");
    }

    @Test
    void errorRateOneFailsEverySiteRequestButNotTheNodeServices() {
        http.put("/_services/chaos", "{\"errorRate\":1.0}", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        assertThat(http.get("/").statusCode()).isEqualTo(503);
        assertThat(http.get("/css/site.css").statusCode()).isEqualTo(503);
        assertThat(http.get("/_services/health").statusCode()).isEqualTo(200);
    }

    @Test
    void latencyDelaysSiteResponses() {
        http.put("/_services/chaos", "{\"latencyMs\":400}", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        long started = System.nanoTime();
        assertThat(http.get("/").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void storeCutOffDegradesTheNodeWhileTheSiteKeepsServingAndClearingItRecovers() {
        http.put("/_services/chaos", "{\"storeCutOff\":true}", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = http.get("/_services/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"Degraded\"", "storeCutOff");
        });
        assertThat(http.get("/about/").statusCode()).isEqualTo(200);

        http.delete("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/_services/health").body().contains("\"status\":\"Healthy\""));
    }

    @Test
    void prometheusExposesCacheAndResilienceMetrics() {
        HttpResponse<String> response = http.get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("cache_gets_total{cache=\"site-snapshot\"")
                .contains("cache=\"web-file-content\"")
                .contains("resilience4j_circuitbreaker_state{")
                .contains("resilience4j_bulkhead_available_concurrent_calls{")
                .contains("appnode_config_change_tracking 1.0")
                // the primary region pays no simulated cross-region latency
                .contains(
                        "appnode_store_cross_region_latency_seconds_count{primaryRegion=\"northeurope\",region=\"northeurope\"} 0")
                .contains("resilience4j_retry_calls_total{");
    }

    @Test
    void visitorRequestsAreOneMeterInTheActuatorsJsonThatLeavesProbesOut() {
        double before = visitorRequests();

        http.get("/_services/health");
        http.get("/_services/about");
        http.get("/actuator/health");
        assertThat(http.get("/about/").statusCode()).isEqualTo(200);

        // the observation ends just after the answer is sent; the node's own paths never count
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(visitorRequests()).isEqualTo(before + 1));
    }

    private double visitorRequests() {
        HttpResponse<String> response = http.get("/actuator/metrics/appnode.visitor.requests");
        assertThat(response.statusCode()).isEqualTo(200);
        List<Number> count = JsonPath.read(response.body(), "$.measurements[?(@.statistic == 'COUNT')].value");
        assertThat(count).hasSize(1);
        return count.get(0).doubleValue();
    }

    @Test
    void aboutPageShowsNodeRegionCachesBreakerAndFaultsAsJsonAndHtml() {
        http.put("/_services/chaos", "{\"latencyMs\":7}", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        http.get("/css/site.css");

        HttpResponse<String> json = http.get("/_services/about", "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body())
                .contains(
                        "\"node\":\"northeurope-1\"",
                        "\"region\":\"northeurope\"",
                        "\"primaryRegion\":\"northeurope\"",
                        "\"version\":",
                        "\"uptime\":\"PT",
                        "\"circuitBreaker\":\"CLOSED\"",
                        "\"changeTracking\":true",
                        "\"site-snapshot\":{",
                        "\"web-file-content\":{",
                        "\"webapi-data\":{",
                        "\"latencyMs\":7");

        HttpResponse<String> html = http.get("/_services/about", "Accept", "text/html");
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.body())
                .contains(
                        "<h1>About northeurope-1</h1>",
                        "<th>circuitBreaker</th><td>CLOSED</td>",
                        "<th>web-file-content</th>");
    }

    @Test
    void clearCacheNeedsTheAdminKeyAndEmptiesTheDataCaches() {
        http.get("/_api/accounts?$select=name");
        assertThat(http.post("/_services/about/clear-cache", "").statusCode()).isEqualTo(401);

        HttpResponse<String> cleared = http.post("/_services/about/clear-cache", "", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(http.get("/_services/about", "Accept", "application/json").body())
                .contains("\"webapi-data\":{", "\"web-file-content\":{")
                .containsPattern("\"webapi-data\":\\{[^}]*\"size\":0")
                .containsPattern("\"web-file-content\":\\{[^}]*\"size\":0");
    }

    @Test
    void clearConfigReloadsTheConfigurationTables() {
        assertThat(http.post("/_services/about/clear-config", "", "X-Admin-Key", "wrong")
                        .statusCode())
                .isEqualTo(401);
        int before = STORE.collectionReads("adx_websites");

        assertThat(http.post("/_services/about/clear-config", "", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> STORE.collectionReads("adx_websites") > before);
    }

    @Test
    void nodeServiceAnswersKeepTheirKeyOrderCodeBeforeMessage() {
        assertThat(http.get("/_services/chaos").body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"The X-Admin-Key header is missing or wrong\"}}");
        assertThat(http.post("/_services/about/clear-cache", "").body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"The X-Admin-Key header is missing or wrong\"}}");
        assertThat(http.get("/_services/no-such-thing").body())
                .isEqualTo("{\"error\":{\"code\":\"NotFound\",\"message\":\"No such node service\"}}");
        assertThat(http.put("/_services/chaos", "{\"errorRate\":2}", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .body())
                .startsWith("{\"error\":{\"code\":\"BadRequest\",\"message\":\"");
        assertThat(http.post("/_services/about/clear-cache", "", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .body())
                .isEqualTo(
                        "{\"action\":\"clear-cache\",\"message\":\"Cached business data and web file contents were dropped.\"}");
        assertThat(http.get("/_services/about", "Accept", "application/json").body())
                .containsPattern("\"site-snapshot\":\\{\"hits\":\\d+,\"misses\":\\d+,\"size\":\\d+}");
    }

    @Test
    void infoNamesRegionAndNode() {
        assertThat(http.get("/actuator/info").body())
                .contains("\"region\":\"northeurope\"", "\"name\":\"northeurope-1\"");
    }
}
