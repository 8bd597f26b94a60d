package dev.powerpages.emulator.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import dev.powerpages.emulator.gateway.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Edge retry on: a GET refused by the primary is served by the next endpoint; a POST is not retried. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.origin.edge-retry.enabled=true")
class EdgeRetryTest {

    static final FakeAppNode west = new FakeAppNode("westeurope");

    static final FakeTrafficManager trafficManager =
            FakeTrafficManager.namingPrimaryAndFallback(Ports.closedPortUrl(), west.url());

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        registry.add("gateway.traffic-manager.url", trafficManager::url);
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        west.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aGetRefusedByThePrimaryIsServedByTheNextEndpoint() {
        WebTestClient client = GatewayClient.at(port);

        client.get()
                .uri("/about/?x=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-PP-Region", "westeurope")
                .expectHeader()
                .valueEquals("X-Seen-Uri", "/about/?x=1");
    }

    @Test
    void aPostIsNotRetried() {
        WebTestClient client = GatewayClient.at(port);
        int before = west.requests();

        client.post()
                .uri("/contact/")
                .bodyValue("name=x")
                .exchange()
                .expectStatus()
                .isEqualTo(502);

        assertThat(west.requests()).isEqualTo(before);
    }
}
