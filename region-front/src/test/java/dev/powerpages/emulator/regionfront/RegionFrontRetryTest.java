package dev.powerpages.emulator.regionfront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.regionfront.RegionFrontTest.FakeInstance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Passive health alone: the active check runs once at start (both instances healthy) and not again within the test,
 * so the instance that dies afterwards stays in the rotation, as it does between two checks when it is killed.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.loadbalancer.health-check.interval=1h")
class RegionFrontRetryTest {

    static final FakeInstance LIVING = new FakeInstance("northeurope-1");
    static final FakeInstance DYING = new FakeInstance("northeurope-2");

    WebTestClient client;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("front.instances", () -> LIVING.url() + "," + DYING.url());
    }

    @Autowired
    void client(@LocalServerPort int port) {
        client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterAll
    static void stop() {
        LIVING.server.close();
    }

    @Test
    void aGetRefusedByADeadInstanceIsServedByAnotherWhileAPostIsNotSentTwice() {
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            before.add(client.get()
                    .uri("/")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst("X-PP-Node"));
        }
        assertThat(before)
                .as("both instances in the rotation")
                .containsExactlyInAnyOrder("northeurope-1", "northeurope-2");

        DYING.server.close();

        for (int i = 0; i < 20; i++) {
            client.get()
                    .uri("/about/")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-PP-Node", "northeurope-1");
        }
        List<Integer> posts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posts.add(client.post()
                    .uri("/_services/forms")
                    .bodyValue("a=1")
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value());
        }
        assertThat(posts)
                .as("round robin sends every other POST to the dead instance, which is not retried")
                .contains(200)
                .anySatisfy(status -> assertThat(status).isGreaterThanOrEqualTo(500));
    }
}
