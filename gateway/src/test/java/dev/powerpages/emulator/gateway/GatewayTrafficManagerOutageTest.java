package dev.powerpages.emulator.gateway;

import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The traffic manager goes away: the edge keeps sending to the last node it named. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayTrafficManagerOutageTest {

    static final FakeAppNode north = new FakeAppNode("northeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        trafficManager.answer("northeurope", north.url(), 1);
        registry.add("gateway.traffic-manager.url", trafficManager::url);
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        north.close();
    }

    @LocalServerPort
    int port;

    @Test
    void keepsUsingTheLastGoodAnswerWhileTheTrafficManagerIsDown() {
        WebTestClient client = GatewayClient.at(port);
        client.get().uri("/").exchange().expectStatus().isOk().expectHeader().valueEquals("X-PP-Region", "northeurope");

        trafficManager.close();

        // Past the 1 s TTL every request would ask again; the admin view shows when the edge
        // has noticed the outage and is serving the stale answer.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    client.get().uri("/").exchange().expectStatus().isOk();
                    client.get()
                            .uri("/_edge/admin/origin")
                            .header("X-Admin-Key", "emulator-admin-key")
                            .exchange()
                            .expectBody()
                            .jsonPath("$.stale")
                            .isEqualTo(true);
                });
        client.get()
                .uri("/about/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-PP-Region", "northeurope");
        client.get()
                .uri("/_edge/admin/origin")
                .header("X-Admin-Key", "emulator-admin-key")
                .exchange()
                .expectBody()
                .jsonPath("$.answer.endpoint")
                .isEqualTo("northeurope")
                .jsonPath("$.remainingTtlSeconds")
                .isEqualTo(0)
                .jsonPath("$.lastError")
                .value(
                        String.class,
                        error -> org.assertj.core.api.Assertions.assertThat(error)
                                .contains("gave no answer"));
    }
}
