package dev.powerpages.emulator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The traffic manager changes its answer: the edge follows only once the answer's TTL runs out. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayFailoverTest {

    static final long TTL_SECONDS = 2;

    static final FakeAppNode north = new FakeAppNode("northeurope");

    static final FakeAppNode west = new FakeAppNode("westeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        trafficManager.answer("northeurope", north.url(), TTL_SECONDS);
        registry.add("gateway.traffic-manager.url", trafficManager::url);
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        north.close();
        west.close();
    }

    @LocalServerPort
    int port;

    @Test
    void keepsSendingToTheOldNodeUntilTheTtlRunsOutThenMoves() {
        WebTestClient client = GatewayClient.at(port);
        assertThat(regionOf(client)).isEqualTo("northeurope");
        Instant answeredAt = trafficManager.lastAnsweredAt();

        trafficManager.answer("westeurope", west.url(), TTL_SECONDS);
        assertThat(regionOf(client)).as("the cached answer still holds").isEqualTo("northeurope");

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> regionOf(client).equals("westeurope"));
        Duration followedAfter = Duration.between(answeredAt, Instant.now());
        assertThat(followedAfter)
                .as("moved only once the %ds TTL had run out", TTL_SECONDS)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(TTL_SECONDS));
        assertThat(regionOf(client)).isEqualTo("westeurope");
    }

    private static String regionOf(WebTestClient client) {
        return client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-PP-Region");
    }
}
