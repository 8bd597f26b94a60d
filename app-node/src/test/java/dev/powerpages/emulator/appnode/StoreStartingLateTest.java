package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole stack starts at once, so a node's first site load often runs while the store is still starting: those
 * refused calls must not open the circuit breaker and hold the first load for its open state once the store is up.
 */
@DirtiesContext
class StoreStartingLateTest extends RunningNodeTestSupport {

    private static final int STORE_PORT = freePort();

    private FakeMetadataStore store;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", () -> "http://127.0.0.1:" + STORE_PORT);
        registry.add("store.connect-timeout", () -> "300ms");
        registry.add("site.change-poll-interval", () -> "200ms");
        // Far longer than the test waits: a first load held by an open breaker could not pass.
        registry.add("resilience4j.circuitbreaker.instances.metadataStore.wait-duration-in-open-state", () -> "5m");
    }

    @Test
    void firstSiteLoadFollowsTheStoreAsSoonAsItAnswersWithTheBreakerStillClosed() throws Exception {
        // Several failed load rounds (each with its retries): more than the breaker's minimum number of calls.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/_services/health").body().contains("could not be loaded"));
        Thread.sleep(1500);
        assertThat(http.get("/_services/about", "Accept", "application/json").body())
                .contains("\"circuitBreaker\":\"CLOSED\"");

        store = FakeMetadataStore.startOn(STORE_PORT);

        awaitHealthy();
        assertThat(http.get("/about/").statusCode()).isEqualTo(200);
        assertThat(http.get("/_services/about", "Accept", "application/json").body())
                .contains("\"circuitBreaker\":\"CLOSED\"");
    }

    @AfterEach
    void stopTheStore() {
        if (store != null) {
            store.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
