package dev.powerpages.emulator.gateway.origin;

import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An origin whose answer is not valid HTTP (a header name with a character HTTP does not allow, as an app node
 * once sent for a site setting {@code HTTP/SameSite/Default}): the visitor gets the edge's 502, as for any origin
 * that gives no usable response, never a 500 that blames the edge.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedOriginAnswerTest {

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    static final MockWebServer origin = new MockWebServer();

    @BeforeAll
    static void startOrigin() throws IOException {
        origin.start();
    }

    @AfterAll
    static void stop() {
        trafficManager.close();
        origin.close();
    }

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        registry.add("gateway.traffic-manager.url", trafficManager::url);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = GatewayClient.at(port, Duration.ofSeconds(10));
        trafficManager.answer("northeurope", origin.url("/").uri(), 0);
    }

    @Test
    void anOriginHeaderNameWithASlashIsABadGateway() {
        origin.enqueue(new MockResponse.Builder()
                .headers(new Headers.Builder()
                        .addUnsafeNonAscii("SameSite/Default", "Strict")
                        .add("Content-Type", "text/html")
                        .build())
                .body("<html></html>")
                .build());

        client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader()
                .exists("X-Azure-Ref")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("OriginInvalidResponse");
    }
}
