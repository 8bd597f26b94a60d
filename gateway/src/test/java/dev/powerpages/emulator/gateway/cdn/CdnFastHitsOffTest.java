package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.cdn.FakeOrigin.Answer;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code gateway.cdn.fast-hits: false} (the CDN bench's second gateway): every hit goes through the web pipeline, with
 * the same answer (X-Cache, Age, the stored body) as a fast hit. The switch is read when the server is built, not by a
 * condition, so the AOT-processed jar (process-aot) honours it as well; {@link CdnFastHitsTest} covers it on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.cdn.fast-hits=false")
@Import(CdnFastHitsTest.PipelineMarker.class)
class CdnFastHitsOffTest {

    static final FakeOrigin origin = new FakeOrigin();

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    static final Path data;

    static {
        try {
            data = Files.createTempDirectory("cdn-fast-hits-off");
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
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

    @Test
    void everyHitGoesThroughThePipelineWithTheSameEdgeHeaders() {
        WebTestClient client = GatewayClient.at(port, Duration.ofSeconds(10));
        client.patch()
                .uri("/_edge/admin/cdn")
                .header("X-Admin-Key", CdnFastHitsTest.ADMIN_KEY)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("{\"enabled\":true,\"cachingRule\":\"PowerPages\"}")
                .exchange()
                .expectStatus()
                .isOk();
        origin.answer(
                "/css/slow.css",
                Answer.ok("a { }", Map.of("Content-Type", "text/css", "Cache-Control", "public, max-age=300")));

        EntityExchangeResult<byte[]> miss = get(client, "/css/slow.css");
        EntityExchangeResult<byte[]> hit = get(client, "/css/slow.css");

        assertThat(miss.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_MISS");
        assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_HIT");
        assertThat(hit.getResponseHeaders().getFirst("X-Pipeline"))
                .as("answered by the pipeline, not ahead of it")
                .isEqualTo("yes");
        assertThat(hit.getResponseHeaders().getFirst("Age")).matches("\\d+");
        assertThat(new String(hit.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo("a { }");
        assertThat(origin.requests("/css/slow.css")).isEqualTo(1);
    }

    private static EntityExchangeResult<byte[]> get(WebTestClient client, String path) {
        return client.get().uri(path).exchange().expectBody().returnResult();
    }
}
