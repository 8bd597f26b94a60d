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

/** Edge retry is off by default: like a DNS client, the edge keeps to the answer it cached, fallbacks or not. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EdgeRetryOffByDefaultTest {

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
    void aRefusedGetFailsWith502UntilTheAnswerExpires() {
        WebTestClient client = GatewayClient.at(port);

        client.get().uri("/").exchange().expectStatus().isEqualTo(502);

        assertThat(west.requests()).isZero();
    }
}
