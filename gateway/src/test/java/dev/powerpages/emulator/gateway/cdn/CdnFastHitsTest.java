package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.cdn.FakeOrigin.Answer;
import dev.powerpages.emulator.gateway.support.ActuatorMeter;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Fresh hits answered ahead of the web pipeline (CdnFastHits), through the whole gateway: the answer is the one the
 * pipeline gives (X-Cache, Age, its own X-Azure-Ref, validators), it is counted where the dashboard reads requests,
 * and with the WAF on every request goes through the WAF before the cache; with them off ({@link WithFastHitsOff}) the
 * pipeline gives the same answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(CdnFastHitsTest.PipelineMarker.class)
class CdnFastHitsTest {

    static final String ADMIN_KEY = "emulator-admin-key";

    static final FakeOrigin origin = new FakeOrigin();

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    static final Path data;

    static {
        try {
            data = Files.createTempDirectory("cdn-fast-hits");
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A web filter of the pipeline that marks the responses it saw. */
    @TestConfiguration
    static class PipelineMarker {

        @Bean
        WebFilter pipelineMarker() {
            // Set as the response is committed, so that it is not part of what the CDN stores from the origin.
            return (exchange, chain) -> {
                exchange.getResponse().beforeCommit(() -> {
                    exchange.getResponse().getHeaders().set("X-Pipeline", "yes");
                    return Mono.empty();
                });
                return chain.filter(exchange);
            };
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trafficManager.answer("northeurope", origin.url(), 300);
        registry.add("gateway.traffic-manager.url", trafficManager::url);
        registry.add(
                "gateway.cdn.settings-file",
                () -> data.resolve("cdn-settings.json").toString());
        registry.add(
                "gateway.waf.policy-file", () -> data.resolve("waf-policy.json").toString());
        registry.add("gateway.cdn.site-settings.enabled", () -> "false");
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        origin.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void enableTheCdn() {
        client = GatewayClient.at(port, Duration.ofSeconds(10));
        patch("/_edge/admin/cdn", "{\"enabled\":true,\"cachingRule\":\"PowerPages\"}");
    }

    @AfterEach
    void turnTheWafOffAndPurge() {
        patch("/_edge/admin/waf", "{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\"}}}");
        client.post()
                .uri("/_edge/admin/cdn/purge")
                .header("X-Admin-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contentPaths\":[\"/*\"]}")
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    @Test
    void aHitIsAnsweredAheadOfThePipelineWithTheEdgesHeaders() {
        origin.answer(
                "/css/fast.css",
                Answer.ok(
                        "body { color: blue }",
                        Map.of("Content-Type", "text/css", "Cache-Control", "public, max-age=300", "ETag", "\"f1\"")));

        EntityExchangeResult<byte[]> miss = get("/css/fast.css", Map.of());
        EntityExchangeResult<byte[]> hit = get("/css/fast.css", Map.of());
        EntityExchangeResult<byte[]> again = get("/css/fast.css", Map.of());
        EntityExchangeResult<byte[]> revalidated = get("/css/fast.css", Map.of("If-None-Match", "\"f1\""));

        assertThat(miss.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_MISS");
        assertThat(miss.getResponseHeaders().getFirst("X-Pipeline")).isEqualTo("yes");
        assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_HIT");
        assertThat(hit.getResponseHeaders().getFirst("X-Pipeline")).isNull();
        assertThat(hit.getResponseHeaders().getFirst("Age")).matches("\\d+");
        assertThat(hit.getResponseHeaders().getFirst("ETag")).isEqualTo("\"f1\"");
        assertThat(new String(hit.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo("body { color: blue }");
        assertThat(hit.getResponseHeaders().getFirst("X-Azure-Ref")).matches("\\d{8}T\\d{6}Z-[0-9a-f]{20}");
        assertThat(again.getResponseHeaders().getFirst("X-Azure-Ref"))
                .isNotEqualTo(hit.getResponseHeaders().getFirst("X-Azure-Ref"));
        assertThat(revalidated.getStatus().value()).isEqualTo(304);
        assertThat(revalidated.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_HIT");
        assertThat(origin.requests("/css/fast.css")).isEqualTo(1);
    }

    @Test
    void hitsAreCountedInTheSameSeriesAsEveryOtherRequest() {
        origin.answer(
                "/css/counted.css",
                Answer.ok("a { }", Map.of("Content-Type", "text/css", "Cache-Control", "public, max-age=300")));
        get("/css/counted.css", Map.of());
        get("/css/counted.css", Map.of());
        double visitorRequestsBefore = edgeVisitorRequests(); // before the scrapes: its own series exists by then
        serverRequestCounts(); // the scrape's own series exists from the next scrape on
        Map<String, Double> before = serverRequestCounts();
        double hitsBefore = cdnHits();

        for (int i = 0; i < 5; i++) {
            assertThat(get("/css/counted.css", Map.of()).getResponseHeaders().getFirst("X-Pipeline"))
                    .isNull();
        }
        Map<String, Double> after = serverRequestCounts();

        // The same series as the pipeline's own GET 200 (no new one), five requests more (and the scrape before).
        assertThat(after.keySet()).isEqualTo(before.keySet());
        String get200 = before.keySet().stream()
                .filter(series -> series.contains("method=\"GET\"") && series.contains("status=\"200\""))
                .filter(series -> !series.contains("actuator"))
                .findFirst()
                .orElseThrow();
        assertThat(after.get(get200) - before.get(get200)).isEqualTo(5.0);
        assertThat(cdnHits() - hitsBefore).isEqualTo(5.0);
        // ... and in the edge's visitor meter the dashboard reads (the scrapes are the edge's own paths, left out)
        assertThat(edgeVisitorRequests() - visitorRequestsBefore).isEqualTo(5.0);
    }

    @Test
    void withTheWafOnAStoredResponseIsServedOnlyAfterTheWafPassedTheRequest() {
        origin.answer(
                "/css/guarded.css",
                Answer.ok("a { }", Map.of("Content-Type", "text/css", "Cache-Control", "public, max-age=300")));
        get("/css/guarded.css", Map.of());
        assertThat(get("/css/guarded.css", Map.of()).getResponseHeaders().getFirst("X-Cache"))
                .isEqualTo("TCP_HIT");

        patch("/_edge/admin/waf", """
				{"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention"},
				 "customRules":{"rules":[{"name":"NoGuarded","priority":1,"ruleType":"MatchRule","action":"Block",
				 "matchConditions":[{"matchVariable":"RequestHeader","selector":"X-Probe","operator":"Equal",
				                     "matchValue":["blocked"]}]}]}}}
				""");

        EntityExchangeResult<byte[]> blocked = get("/css/guarded.css", Map.of("X-Probe", "blocked"));
        EntityExchangeResult<byte[]> passed = get("/css/guarded.css", Map.of("X-Probe", "fine"));

        assertThat(blocked.getStatus().value()).isEqualTo(403);
        assertThat(blocked.getResponseHeaders().getFirst("X-Cache")).isNull();
        assertThat(passed.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_HIT");
        assertThat(passed.getResponseHeaders().getFirst("X-Pipeline")).isEqualTo("yes");
        assertThat(origin.requests("/css/guarded.css")).isEqualTo(1);
    }

    @Test
    void aHitAheadOfThePipelineCarriesTheSameHeadersAndBodyAsAHitThroughIt() throws Exception {
        origin.answer(
                "/css/same.css",
                Answer.ok(
                        "p { margin: 0 }\n".repeat(200),
                        Map.of(
                                "Content-Type",
                                "text/css",
                                "Cache-Control",
                                "public, max-age=300",
                                "ETag",
                                "\"s1\"",
                                "Last-Modified",
                                "Sat, 05 Dec 2026 10:00:00 GMT")));
        // The JDK client, unlike WebTestClient's, neither asks for gzip by itself nor unpacks it.
        HttpClient http = HttpClient.newHttpClient();
        get("/css/same.css", Map.of());
        HttpResponse<byte[]> fast = plainGet(http, "/css/same.css", null);
        HttpResponse<byte[]> fastGzip = plainGet(http, "/css/same.css", "gzip");

        // With a WAF policy on, every request goes through the pipeline (and its WAF) before the cache.
        patch("/_edge/admin/waf", """
				{"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention"},
				 "customRules":{"rules":[{"name":"NoProbe","priority":1,"ruleType":"MatchRule","action":"Block",
				 "matchConditions":[{"matchVariable":"RequestHeader","selector":"X-Probe","operator":"Equal",
				                     "matchValue":["blocked"]}]}]}}}
				""");
        HttpResponse<byte[]> pipeline = plainGet(http, "/css/same.css", null);
        HttpResponse<byte[]> pipelineGzip = plainGet(http, "/css/same.css", "gzip");

        assertThat(fast.headers().firstValue("X-Pipeline")).isEmpty();
        assertThat(pipeline.headers().firstValue("X-Pipeline")).contains("yes");
        assertThat(fast.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(fastGzip.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(withoutPerAnswerHeaders(fast)).isEqualTo(withoutPerAnswerHeaders(pipeline));
        assertThat(withoutPerAnswerHeaders(fastGzip)).isEqualTo(withoutPerAnswerHeaders(pipelineGzip));
        assertThat(fast.body()).isEqualTo(pipeline.body());
        assertThat(fastGzip.body()).isEqualTo(pipelineGzip.body());
        assertThat(origin.requests("/css/same.css")).isEqualTo(1);
    }

    private HttpResponse<byte[]> plainGet(HttpClient http, String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The response's headers, names lower-cased, without those that differ from one answer to the next. */
    private static Map<String, List<String>> withoutPerAnswerHeaders(HttpResponse<byte[]> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        headers.keySet().removeAll(List.of("x-azure-ref", "age", "x-pipeline"));
        return headers;
    }

    private EntityExchangeResult<byte[]> get(String path, Map<String, String> headers) {
        return client.get()
                .uri(path)
                .headers(h -> headers.forEach(h::set))
                .exchange()
                .expectBody()
                .returnResult();
    }

    /**
     * {@code gateway.cdn.fast-hits: false} (the CDN bench's second gateway): every hit goes through the web pipeline,
     * with the same answer (X-Cache, Age, the stored body) as a fast hit. The switch is read when the server is built,
     * not by a condition, so the AOT-processed jar (process-aot) honours it as well. A context of its own, beside the
     * same fakes.
     */
    @Nested
    @TestPropertySource(properties = "gateway.cdn.fast-hits=false")
    class WithFastHitsOff {

        @LocalServerPort
        int offPort;

        @Test
        void everyHitGoesThroughThePipelineWithTheSameEdgeHeaders() {
            WebTestClient off = GatewayClient.at(offPort, Duration.ofSeconds(10));
            off.patch()
                    .uri("/_edge/admin/cdn")
                    .header("X-Admin-Key", ADMIN_KEY)
                    .contentType(MediaType.valueOf("application/merge-patch+json"))
                    .bodyValue("{\"enabled\":true,\"cachingRule\":\"PowerPages\"}")
                    .exchange()
                    .expectStatus()
                    .isOk();
            origin.answer(
                    "/css/through-the-pipeline.css",
                    Answer.ok("a { }", Map.of("Content-Type", "text/css", "Cache-Control", "public, max-age=300")));

            EntityExchangeResult<byte[]> miss = get(off, "/css/through-the-pipeline.css");
            EntityExchangeResult<byte[]> hit = get(off, "/css/through-the-pipeline.css");

            assertThat(miss.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_MISS");
            assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_HIT");
            assertThat(hit.getResponseHeaders().getFirst("X-Pipeline"))
                    .as("answered by the pipeline, not ahead of it")
                    .isEqualTo("yes");
            assertThat(hit.getResponseHeaders().getFirst("Age")).matches("\\d+");
            assertThat(new String(hit.getResponseBody(), StandardCharsets.UTF_8))
                    .isEqualTo("a { }");
            assertThat(origin.requests("/css/through-the-pipeline.css")).isEqualTo(1);
        }

        private static EntityExchangeResult<byte[]> get(WebTestClient client, String path) {
            return client.get().uri(path).exchange().expectBody().returnResult();
        }
    }

    private void patch(String path, String body) {
        client.patch()
                .uri(path)
                .header("X-Admin-Key", ADMIN_KEY)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** Each http_server_requests_seconds_count series of the Prometheus scrape with its value. */
    private Map<String, Double> serverRequestCounts() {
        Map<String, Double> counts = new TreeMap<>();
        for (String line : scrape().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{")) {
                int space = line.lastIndexOf(' ');
                counts.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return counts;
    }

    /** The COUNT of the edge's visitor-request timer, as /actuator/metrics gives it. */
    private double edgeVisitorRequests() {
        return ActuatorMeter.statistic(client, "/actuator/metrics/gateway.edge.requests", "COUNT");
    }

    private double cdnHits() {
        for (String line : scrape().split("\n")) {
            if (line.startsWith("gateway_cdn_requests_total{") && line.contains("x_cache=\"TCP_HIT\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no gateway_cdn_requests_total{x_cache=\"TCP_HIT\"} in the scrape");
    }

    private String scrape() {
        return client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
