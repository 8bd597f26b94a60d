package dev.powerpages.emulator.trafficmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.powerpages.emulator.trafficmanager.dashboard.StandInService.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * One traffic manager (the shipped contoso profile sped up tenfold: a probe every 500 ms) whose dashboard
 * polls every 200 ms a gateway, a store and two app nodes, MockWebServer stand-ins on random ports. The test
 * classes share this configuration, so Spring starts the application once for all of them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "traffic-manager.profiles.contoso.emulator.time-scale=10",
            // no profile files and no DNS listener (keys of the traffic manager's DNS/persistence work; ignored
            // where absent)
            "traffic-manager.data-dir=",
            "traffic-manager.dns.port=-1",
            "traffic-manager.dashboard.poll-interval=200ms",
            // generous: the build machine is shared; a poll that times out would read as a service going down
            "traffic-manager.dashboard.request-timeout=2s"
        })
@AutoConfigureRestTestClient
abstract class DashboardTestSupport {

    static final String ADMIN_KEY = StandInNode.ADMIN_KEY;
    static final Duration DETECTION = Duration.ofSeconds(10);

    /** Requests per second the stand-in gateway's origin counter grows by for northeurope. */
    static final double PRIMARY_RPS = 20;

    /** Site requests per second the stand-in instance northeurope-1 serves (northeurope-2 serves none). */
    static final double INSTANCE_RPS = 12;

    /** Requests per second the stand-in gateway answers with a 5xx. */
    static final double FAILED_RPS = 2;

    /**
     * northeurope's two instances, which its node lists in its health answer as a region front does; their metrics
     * count site requests and, growing faster, the probes and admin calls that the rates leave out.
     */
    static final StandInNode northeurope1 =
            new StandInNode("northeurope-1").withMetrics(() -> """
            # TYPE http_server_requests_seconds_count counter
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/**"} %s
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/_services/health"} %s
            """.formatted(INSTANCE_RPS * seconds(), 50 * seconds()));

    static final StandInNode northeurope2 =
            new StandInNode("northeurope-2").withMetrics(() -> """
            # TYPE http_server_requests_seconds_count counter
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/_services/health"} %s
            """.formatted(50 * seconds()));

    static final StandInNode primary = new StandInNode("northeurope").listingInstances(northeurope1, northeurope2);
    static final StandInNode secondary = new StandInNode("westeurope");
    static final StandInService gateway = StandInService.start();
    static final StandInService store = StandInService.start();
    private static final long started = System.nanoTime();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CONTOSO_PRIMARY_TARGET", primary.service::authority);
        registry.add("CONTOSO_SECONDARY_TARGET", secondary.service::authority);
        registry.add(
                "traffic-manager.dashboard.gateway-url", () -> gateway.url().toString());
        registry.add("traffic-manager.dashboard.store-url", () -> store.url().toString());
    }

    @Autowired
    RestTestClient client;

    @BeforeEach
    void wholeStackHealthy() {
        primary.clearFaults();
        secondary.clearFaults();
        northeurope1.clearFaults();
        northeurope2.clearFaults();
        store.resume();
        gateway.resume();
        store.on("GET", "/actuator/health", r -> Reply.json(200, "{\"status\":\"UP\"}"));
        gatewayWithEdgeApis();
        await().atMost(DETECTION).untilAsserted(() -> {
            assertThat(snapshotValue("$.nodes[0].monitorStatus.text")).isEqualTo("Online");
            assertThat(snapshotValue("$.nodes[1].monitorStatus.text")).isEqualTo("Online");
            assertThat(snapshotValue("$.store.status.text")).isEqualTo("Up");
        });
        primary.service.forgetRequests();
        secondary.service.forgetRequests();
        northeurope1.service.forgetRequests();
        northeurope2.service.forgetRequests();
        gateway.forgetRequests();
    }

    /** A gateway with the CDN and WAF admin APIs and counters, as the wave-2 gateway offers them. */
    static void gatewayWithEdgeApis() {
        gateway.on("GET", "/_edge/health", r -> Reply.json(200, "{\"status\":\"UP\"}"))
                .on(
                        "GET",
                        "/_edge/admin/origin",
                        r -> adminOnly(r, "{\"answer\":{\"endpoint\":\"northeurope\"},\"stale\":false}"))
                .on("GET", "/actuator/prometheus", r -> new Reply(200, "text/plain", metrics()))
                .on("GET", "/_edge/admin/cdn", r -> adminOnly(r, "{\"enabled\":true}"))
                .on("PATCH", "/_edge/admin/cdn", r -> adminOnly(r, r.body()))
                .on("POST", "/_edge/admin/cdn/purge", r -> adminOnly(r, "{\"status\":\"Succeeded\"}"))
                .on(
                        "GET",
                        "/_edge/admin/waf",
                        r -> adminOnly(
                                r,
                                "{\"properties\":{\"policySettings\":{\"enabledState\":\"Enabled\",\"mode\":\"Prevention\"}}}"))
                .on("PATCH", "/_edge/admin/waf", r -> adminOnly(r, r.body()));
    }

    /** A skeleton gateway: health, origin and the origin counter only. */
    static void gatewayWithoutEdgeApis() {
        gateway.remove("GET", "/_edge/admin/cdn")
                .remove("GET", "/_edge/admin/waf")
                .on("GET", "/actuator/prometheus", r -> new Reply(200, "text/plain", originCounterOnly()));
    }

    private static Reply adminOnly(StandInService.Request request, String body) {
        return ADMIN_KEY.equals(request.header("X-Admin-Key"))
                ? Reply.json(200, body)
                : Reply.json(401, "{\"error\":{\"code\":\"Unauthorized\"}}");
    }

    static double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String originCounterOnly() {
        double seconds = seconds();
        return """
                # TYPE gateway_origin_requests_total counter
                gateway_origin_requests_total{endpoint="northeurope"} %s
                gateway_origin_requests_total{endpoint="westeurope"} 5.0
                """.formatted(PRIMARY_RPS * seconds);
    }

    private static String metrics() {
        double seconds = seconds();
        // of every 100 responses, 80 take up to 50 ms, 10 more up to 100 ms and the last 10 up to 250 ms: the 95th
        // ends halfway through the 100-250 ms bucket, so the p95 reads 175 ms
        return originCounterOnly() + """
                # TYPE http_server_requests_seconds_count counter
                http_server_requests_seconds_count{outcome="SUCCESS",status="200",uri="UNKNOWN"} %1$s
                http_server_requests_seconds_count{outcome="SERVER_ERROR",status="503",uri="UNKNOWN"} %2$s
                http_server_requests_seconds_count{outcome="CLIENT_ERROR",status="404",uri="UNKNOWN"} %2$s
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{outcome="SUCCESS",status="200",uri="UNKNOWN",le="0.05"} %3$s
                http_server_requests_seconds_bucket{outcome="SUCCESS",status="200",uri="UNKNOWN",le="0.1"} %4$s
                http_server_requests_seconds_bucket{outcome="SUCCESS",status="200",uri="UNKNOWN",le="0.25"} %1$s
                http_server_requests_seconds_bucket{outcome="SUCCESS",status="200",uri="UNKNOWN",le="+Inf"} %1$s
                """.formatted(100 * seconds, FAILED_RPS * seconds, 80 * seconds, 90 * seconds)
                + """
                # TYPE gateway_cdn_requests_total counter
                gateway_cdn_requests_total{cache="TCP_HIT"} 30.0
                gateway_cdn_requests_total{cache="TCP_MISS"} 10.0
                # TYPE gateway_waf_requests_total counter
                gateway_waf_requests_total{action="Block",rule="SQLi"} 4.0
                gateway_waf_requests_total{action="Block",rule="XSS"} 3.0
                gateway_waf_requests_total{action="Allow",rule="none"} 100.0
                """;
    }

    String snapshot() {
        return client.get()
                .uri("/api/dashboard")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    Object snapshotValue(String path) {
        return JsonPath.read(snapshot(), path);
    }

    List<String> timelineTexts() {
        return JsonPath.read(snapshot(), "$.timeline[*].text");
    }
}
