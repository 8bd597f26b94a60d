package dev.powerpages.emulator.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Edge retry on, and the primary cuts the connection after reading the request and before answering, as a
 * killed app node does to the requests in flight on it: a GET is answered by the next endpoint, a POST is not
 * sent again (it may have reached the origin).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.origin.edge-retry.enabled=true")
class EdgeRetryOnCutConnectionTest {

    static final MockWebServer north = started();

    static final MockWebServer west = started();

    static final FakeTrafficManager trafficManager = FakeTrafficManager.namingPrimaryAndFallback(
            north.url("/").uri(), west.url("/").uri());

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        registry.add("gateway.traffic-manager.url", trafficManager::url);
    }

    @AfterAll
    static void stop() {
        trafficManager.close();
        north.close();
        west.close();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void primaryCutsEveryConnection() {
        for (int i = 0; i < 4; i++) {
            north.enqueue(new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket())
                    .build());
        }
    }

    @Test
    void aGetWhoseConnectionIsCutBeforeTheAnswerIsServedByTheNextEndpoint() throws Exception {
        west.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("X-PP-Region", "westeurope")
                .body("served by the secondary")
                .build());

        GatewayClient.at(port)
                .get()
                .uri("/about/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-PP-Region", "westeurope")
                .expectBody(String.class)
                .isEqualTo("served by the secondary");
        assertThat(west.takeRequest().getUrl().encodedPath()).isEqualTo("/about/");
    }

    @Test
    void aPostWhoseConnectionIsCutIsNotSentAgain() {
        int before = west.getRequestCount();

        GatewayClient.at(port)
                .post()
                .uri("/contact/")
                .bodyValue("name=x")
                .exchange()
                .expectStatus()
                .isEqualTo(502);

        assertThat(west.getRequestCount()).isEqualTo(before);
    }

    private static MockWebServer started() {
        MockWebServer server = new MockWebServer();
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }
}
