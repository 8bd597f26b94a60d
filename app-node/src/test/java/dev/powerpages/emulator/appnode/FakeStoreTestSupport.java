package dev.powerpages.emulator.appnode;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * A node on a random port reading the shared {@link FakeMetadataStore}; test classes extending this share one
 * Spring context (and so one token cache).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FakeStoreTestSupport {

    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    @LocalServerPort
    int port;

    NodeHttp http;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("site.refresh-interval", () -> "300ms");
        registry.add("node.region", () -> "northeurope");
        registry.add("webapi.cache-max-age", () -> "1s");
        // Tests that cut the store off want the breaker to try again soon after the fault is cleared.
        registry.add("resilience4j.circuitbreaker.instances.metadataStore.wait-duration-in-open-state", () -> "1s");
    }

    @BeforeEach
    void waitForSite() {
        http = new NodeHttp(port);
        http.delete("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/_services/health").body().contains("\"Healthy\""));
    }
}
