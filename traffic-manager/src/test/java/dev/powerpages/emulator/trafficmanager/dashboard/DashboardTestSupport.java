package dev.powerpages.emulator.trafficmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.powerpages.emulator.trafficmanager.dashboard.StandInService.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
     * northeurope's two instances, which its node lists in its health answer as a region front does; each counts the
     * requests it served to visitors ({@code appnode.visitor.requests}, probes left out by the node) and, growing
     * faster, all its requests, probes included ({@code http.server.requests}), which the rates must not read.
     */
    static final StandInNode northeurope1 = new StandInNode("northeurope-1")
            .withMeters(meters -> meters.counter("appnode.visitor.requests", Map.of(), () -> INSTANCE_RPS * seconds())
                    .counter("http.server.requests", Map.of("uri", "/**"), () -> INSTANCE_RPS * seconds())
                    .counter("http.server.requests", Map.of("uri", "/_services/health"), () -> 50 * seconds()));

    static final StandInNode northeurope2 = new StandInNode("northeurope-2")
            .withMeters(meters -> meters.counter("appnode.visitor.requests", Map.of(), () -> 0)
                    .counter("http.server.requests", Map.of("uri", "/_services/health"), () -> 50 * seconds()));

    static final StandInNode primary = new StandInNode("northeurope").listingInstances(northeurope1, northeurope2);
    static final StandInNode secondary = new StandInNode("westeurope");
    static final StandInService gateway = StandInService.start();
    static final StandInMeters gatewayMeters = new StandInMeters(gateway);
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
        // (again) every meter, each in place of itself: the running poller never finds one missing
        originCounterOnly();
        edgeMeters();
    }

    /** A skeleton gateway: health, origin and the origin counter only. */
    static void gatewayWithoutEdgeApis() {
        gateway.remove("GET", "/_edge/admin/cdn").remove("GET", "/_edge/admin/waf");
        gatewayMeters
                .remove("gateway.edge.responses")
                .remove("gateway.edge.requests.percentile")
                .remove("gateway.cdn.requests")
                .remove("gateway.waf.requests");
    }

    private static Reply adminOnly(StandInService.Request request, String body) {
        return ADMIN_KEY.equals(request.header("X-Admin-Key"))
                ? Reply.json(200, body)
                : Reply.json(401, "{\"error\":{\"code\":\"Unauthorized\"}}");
    }

    static double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void originCounterOnly() {
        gatewayMeters
                .counter("gateway.origin.requests", Map.of("endpoint", "northeurope"), () -> PRIMARY_RPS * seconds())
                .counter("gateway.origin.requests", Map.of("endpoint", "westeurope"), () -> 5.0);
    }

    /** The p95 the stand-in gateway publishes (its {@code gateway.edge.requests.percentile}, in seconds). */
    static final double P95_SECONDS = 0.175;

    private static void edgeMeters() {
        gatewayMeters
                .counter("gateway.edge.responses", Map.of("http_status_group", "2xx"), () -> 100 * seconds())
                .counter("gateway.edge.responses", Map.of("http_status_group", "5xx"), () -> FAILED_RPS * seconds())
                .counter("gateway.edge.responses", Map.of("http_status_group", "4xx"), () -> FAILED_RPS * seconds())
                .gauge("gateway.edge.requests.percentile", "seconds", Map.of("phi", "0.95"), () -> P95_SECONDS)
                // a p99 beside it: the p95 read is the phi=0.95 series alone, not their sum
                .gauge("gateway.edge.requests.percentile", "seconds", Map.of("phi", "0.99"), () -> 0.9)
                .counter("gateway.cdn.requests", Map.of("x_cache", "TCP_HIT"), () -> 30.0)
                .counter("gateway.cdn.requests", Map.of("x_cache", "TCP_MISS"), () -> 10.0)
                .counter("gateway.cdn.requests", Map.of("x_cache", "CONFIG_NOCACHE"), () -> 500.0)
                .counter("gateway.waf.requests", Map.of("action", "Block", "rule", "SQLi"), () -> 4.0)
                .counter("gateway.waf.requests", Map.of("action", "Block", "rule", "XSS"), () -> 3.0)
                .counter("gateway.waf.requests", Map.of("action", "Allow", "rule", "none"), () -> 100.0);
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
