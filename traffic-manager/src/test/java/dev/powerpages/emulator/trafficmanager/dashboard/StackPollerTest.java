package dev.powerpages.emulator.trafficmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

class StackPollerTest extends DashboardTestSupport {

    @LocalServerPort
    int port;

    @Test
    void snapshotShowsEveryServiceOnThePathWithItsStatus() {
        String json = snapshot();

        assertThat((String) JsonPath.read(json, "$.profile.fqdn")).isEqualTo("contoso.trafficmanager.net");
        assertThat((String) JsonPath.read(json, "$.profile.servingEndpoint")).isEqualTo("northeurope");
        assertThat((String) JsonPath.read(json, "$.gateway.status.text")).isEqualTo("Up");
        assertThat((String) JsonPath.read(json, "$.gateway.origin")).isEqualTo("northeurope");
        assertThat((List<String>) JsonPath.read(json, "$.nodes[*].endpoint"))
                .containsExactly("northeurope", "westeurope");
        assertThat((List<String>) JsonPath.read(json, "$.nodes[*].health.text")).containsExactly("Healthy", "Healthy");
        assertThat((List<Boolean>) JsonPath.read(json, "$.nodes[*].serving")).containsExactly(true, false);
        assertThat((Boolean) JsonPath.read(json, "$.nodes[0].faults.failHealth"))
                .isFalse();
        assertThat((String) JsonPath.read(json, "$.nodes[1].about.region")).isEqualTo("westeurope");
        assertThat((String) JsonPath.read(json, "$.store.status.text")).isEqualTo("Up");
    }

    @Test
    void cdnHitRatioAndWafBlocksComeFromTheGatewaysAdminApisAndCounters() {
        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat((Boolean) JsonPath.read(json, "$.gateway.cdn.enabled")).isTrue();
            assertThat((Double) JsonPath.read(json, "$.gateway.cdn.hitRatio")).isEqualTo(0.75);
            assertThat((String) JsonPath.read(json, "$.gateway.waf.enabledState"))
                    .isEqualTo("Enabled");
            assertThat((String) JsonPath.read(json, "$.gateway.waf.mode")).isEqualTo("Prevention");
            assertThat(((Number) JsonPath.read(json, "$.gateway.waf.blocks")).longValue())
                    .isEqualTo(7);
        });
    }

    @Test
    void withoutCdnOutcomeCountersTheHitRatioComesFromTheEdgeCachesStatistics() {
        gatewayMeters
                .remove("gateway.cdn.requests")
                .counter(
                        "cache.gets", Map.of("cache", "gateway.cdn", "name", "gateway.cdn", "result", "hit"), () -> 8.0)
                .counter(
                        "cache.gets",
                        Map.of("cache", "gateway.cdn", "name", "gateway.cdn", "result", "miss"),
                        () -> 2.0)
                .counter("cache.gets", Map.of("cache", "other", "result", "hit"), () -> 1000.0);

        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat((Double) JsonPath.read(json, "$.gateway.cdn.hitRatio")).isEqualTo(0.8);
            assertThat(((Number) JsonPath.read(json, "$.gateway.cdn.hits")).longValue())
                    .isEqualTo(8);
        });
    }

    @Test
    void requestsPerSecondPerRegionFollowTheGatewaysOriginCounter() {
        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat(((Number) JsonPath.read(json, "$.gateway.requestsPerSecond.northeurope")).doubleValue())
                    .isBetween(PRIMARY_RPS * 0.7, PRIMARY_RPS * 1.3);
            assertThat(((Number) JsonPath.read(json, "$.gateway.requestsPerSecond.westeurope")).doubleValue())
                    .isZero();
        });
    }

    @Test
    void aGatewayWithoutCdnAndWafApisReadsNotAvailable() {
        gatewayWithoutEdgeApis();

        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat((Object) JsonPath.read(json, "$.gateway.cdn.enabled")).isNull();
            assertThat((Object) JsonPath.read(json, "$.gateway.cdn.hitRatio")).isNull();
            assertThat((Object) JsonPath.read(json, "$.gateway.waf.blocks")).isNull();
            assertThat((String) JsonPath.read(json, "$.gateway.waf.note")).contains("no WAF admin API");
        });
        // the page's "n/a" figures: DashboardBrowserTest.rendersTheProfileItsEndpointsAndNotAvailableFigures
    }

    @Test
    void aFailingPrimaryShowsAsDegradedAndTheTimelineTellsWhy() {
        primary.failHealth(true);

        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat((String) JsonPath.read(json, "$.nodes[0].monitorStatus.text"))
                    .isEqualTo("Degraded");
            assertThat((String) JsonPath.read(json, "$.nodes[0].health.text")).isEqualTo("Unhealthy");
            assertThat((List<String>) JsonPath.read(json, "$.nodes[0].reasons"))
                    .containsExactly("failHealth fault injected");
            assertThat((String) JsonPath.read(json, "$.profile.servingEndpoint"))
                    .isEqualTo("westeurope");
            assertThat(timelineTexts())
                    .anySatisfy(text -> assertThat(text).startsWith("northeurope: Online \u2192 Degraded"));
            assertThat(timelineTexts())
                    .anySatisfy(text -> assertThat(text).startsWith("probe northeurope: failed, HTTP 503"));
            assertThat(timelineTexts()).contains("App node northeurope: Healthy \u2192 Unhealthy (HTTP 503)");
        });
    }

    @Test
    void aRegionsInstancesShowWithTheirOwnPortsStatesAndRatesLeavingProbesOut() {
        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat((List<String>) JsonPath.read(json, "$.nodes[0].instances[*].name"))
                    .containsExactly("northeurope-1", "northeurope-2");
            assertThat((Integer) JsonPath.read(json, "$.nodes[0].instances[1].port"))
                    .isEqualTo(northeurope2.service.url().getPort());
            assertThat((String) JsonPath.read(json, "$.nodes[0].instances[0].status.text"))
                    .isEqualTo("Healthy");
            assertThat(((Number) JsonPath.read(json, "$.nodes[0].instances[0].requestsPerSecond")).doubleValue())
                    .isBetween(INSTANCE_RPS * 0.7, INSTANCE_RPS * 1.3);
            // northeurope-2 answers only probes: it served no visitor
            assertThat(((Number) JsonPath.read(json, "$.nodes[0].instances[1].requestsPerSecond")).doubleValue())
                    .isZero();
            // a region that lists no instances is its node alone, named as the node names itself
            assertThat((List<String>) JsonPath.read(json, "$.nodes[1].instances[*].name"))
                    .containsExactly("westeurope-1");
        });

        northeurope2.failHealth(true);

        await().atMost(DETECTION)
                .untilAsserted(() -> assertThat(snapshotValue("$.nodes[0].instances[1].status.text"))
                        .isEqualTo("Unhealthy"));
    }

    @Test
    void chartsCarryTheRecentRatesFailuresAndP95AsAlignedColumns() {
        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            List<Number> times = JsonPath.read(json, "$.charts.times");
            assertThat(times).hasSizeGreaterThan(3);
            assertThat(((Number) JsonPath.read(json, "$.charts.windowSeconds")).longValue())
                    .isEqualTo(300);
            List<Number> northeurope = JsonPath.read(json, "$.charts.regionRps.northeurope");
            List<Number> instance = JsonPath.read(json, "$.charts.instanceRps['northeurope-1']");
            List<Number> failed = JsonPath.read(json, "$.charts.failedPerSecond");
            List<Number> p95 = JsonPath.read(json, "$.charts.p95Ms");
            assertThat(List.of(northeurope.size(), instance.size(), failed.size(), p95.size()))
                    .containsOnly(times.size());
            assertThat(last(northeurope)).isBetween(PRIMARY_RPS * 0.7, PRIMARY_RPS * 1.3);
            assertThat(last(instance)).isBetween(INSTANCE_RPS * 0.7, INSTANCE_RPS * 1.3);
            // 5xx only: the gateway's 404s are not failures of the stack
            assertThat(last(failed)).isBetween(FAILED_RPS * 0.7, FAILED_RPS * 1.3);
            assertThat(last(p95)).isCloseTo(175.0, org.assertj.core.data.Offset.offset(1.0));
        });
    }

    @Test
    void theP95ShownIsTheOneTheGatewayPublishesAndNoneWhileNoRequestEndsInItsWindow() {
        publishP95(0.42);

        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat(((Number) JsonPath.read(json, "$.gateway.p95Ms")).doubleValue())
                    .isCloseTo(420.0, org.assertj.core.data.Offset.offset(0.001));
            assertThat(last(JsonPath.read(json, "$.charts.p95Ms")))
                    .isCloseTo(420.0, org.assertj.core.data.Offset.offset(0.001));
        });

        // Micrometer's percentile of an empty window is 0: no figure, not a 0 ms p95
        publishP95(0);

        await().atMost(DETECTION)
                .untilAsserted(
                        () -> assertThat(snapshotValue("$.gateway.p95Ms")).isNull());
    }

    private static void publishP95(double seconds) {
        gatewayMeters.gauge("gateway.edge.requests.percentile", "seconds", Map.of("phi", "0.95"), () -> seconds);
    }

    @Test
    void everyStatusChangeOfTheProfileBecomesAChartMarker() {
        primary.failHealth(true);

        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            List<String> texts = JsonPath.read(json, "$.charts.markers[?(@.kind == 'StatusChange')].text");
            assertThat(texts).anySatisfy(text -> assertThat(text).startsWith("northeurope: Online \u2192 Degraded"));
            List<Number> at = JsonPath.read(json, "$.charts.markers[*].epochMillis");
            long first = ((Number) JsonPath.read(json, "$.charts.times[0]")).longValue();
            assertThat(at).allSatisfy(t -> assertThat(t.longValue()).isGreaterThanOrEqualTo(first));
        });
    }

    private static double last(List<Number> column) {
        Number value = column.get(column.size() - 1);
        assertThat(value).as("the newest figure").isNotNull();
        return value.doubleValue();
    }

    @Test
    void aStoppedStoreShowsDownAndTheTimelineRecordsIt() {
        store.stop();

        await().atMost(DETECTION).untilAsserted(() -> {
            assertThat(snapshotValue("$.store.status.text")).isEqualTo("Down");
            assertThat(snapshotValue("$.store.status.detail")).isEqualTo("connection refused");
            assertThat(timelineTexts()).contains("Metadata store: Up \u2192 Down (connection refused)");
        });
    }

    @Test
    void theStreamPushesASnapshotOnEveryPoll() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dashboard/stream"))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE));
        List<String> times = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = lines.readLine(); line != null && times.size() < 3; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && "snapshot".equals(event)) {
                    String data = line.substring(5);
                    assertThat((List<String>) JsonPath.read(data, "$.nodes[*].endpoint"))
                            .containsExactly("northeurope", "westeurope");
                    times.add(JsonPath.read(data, "$.time"));
                }
            }
        }
        // the first snapshot is sent on connect, the next ones by successive polls
        assertThat(times).hasSize(3).doesNotHaveDuplicates();
    }
}
