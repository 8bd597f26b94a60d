package dev.powerpages.emulator.gateway;

import dev.powerpages.emulator.gateway.support.GatewayClient;
import dev.powerpages.emulator.gateway.support.Ports;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The traffic manager has never answered: the edge cannot name an origin. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayWithoutTrafficManagerTest {

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        registry.add("gateway.traffic-manager.url", Ports::closedPortUrl);
    }

    @LocalServerPort
    int port;

    @Test
    void answers503WithAReferenceWhenNoOriginWasEverNamed() {
        WebTestClient client = GatewayClient.at(port);

        client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .exists("X-Azure-Ref")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("TrafficManagerUnreachable")
                .jsonPath("$.error.reference")
                .isNotEmpty();
    }

    @Test
    void showsTheAdminThatNoAnswerIsHeld() {
        WebTestClient client = GatewayClient.at(port);

        client.get()
                .uri("/_edge/admin/origin")
                .header("X-Admin-Key", "emulator-admin-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.profile")
                .isEqualTo("contoso")
                .jsonPath("$.answer")
                .doesNotExist();
    }
}
