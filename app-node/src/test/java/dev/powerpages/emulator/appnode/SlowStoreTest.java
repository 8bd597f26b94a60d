package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A store slower than the node's read timeout: cached pages keep being served and the node says Degraded, not down. */
@DirtiesContext
class SlowStoreTest extends RunningNodeTestSupport {

    @RegisterExtension
    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("store.read-timeout", () -> "300ms");
        registry.add("site.change-poll-interval", () -> "200ms");
        registry.add("resilience4j.circuitbreaker.instances.metadataStore.wait-duration-in-open-state", () -> "1s");
    }

    @Test
    void slowStoreDegradesTheNodeWhileCachedPagesAreServedAndItRecovers() {
        awaitHealthy();
        String page = http.get("/about/team/").body();

        STORE.latency(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = http.get("/_services/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"Degraded\"");
        });
        HttpResponse<String> served = http.get("/about/team/");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(page);
        assertThat(http.get("/_services/about", "Accept", "application/json").body())
                .containsPattern("\"circuitBreaker\":\"(OPEN|HALF_OPEN|CLOSED)\"");

        STORE.latency(Duration.ZERO);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/_services/health").body().contains("\"status\":\"Healthy\""));
    }
}
