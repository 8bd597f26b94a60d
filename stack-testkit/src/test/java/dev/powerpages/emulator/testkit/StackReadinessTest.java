package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StackReadinessTest {

    private final MockWebServer store = new MockWebServer();
    private final MockWebServer node = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        store.start(InetAddress.getLoopbackAddress(), 0);
        node.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        store.close();
        node.close();
    }

    @Test
    void notesEachServiceWhenItsOwnHealthPathFirstAnswers200InTheOrderTheyBecameHealthy() {
        // The node is listed first but still starting for three rounds; the store answers at once.
        node.enqueue(answer(503));
        node.enqueue(answer(503));
        node.enqueue(answer(503));
        node.enqueue(answer(200));
        store.enqueue(answer(200));

        Map<String, Duration> healthyAfter = StackReadiness.awaitAllHealthy(
                List.of(new Service("northeurope", node, null), new Service("metadata-store", store, null)),
                System.nanoTime());

        assertThat(healthyAfter).containsOnlyKeys("northeurope", "metadata-store");
        assertThat(List.copyOf(healthyAfter.keySet())).containsExactly("metadata-store", "northeurope");
        assertThat(healthyAfter.get("northeurope")).isGreaterThanOrEqualTo(healthyAfter.get("metadata-store"));
    }

    @Test
    void reportsAServiceThatFailedToStartWhileAnEarlierOneIsStillStarting() {
        // The store never becomes healthy (a minute allowed); the node's process has exited: said at once.
        for (int i = 0; i < 1000; i++) {
            store.enqueue(answer(503));
        }

        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThatIllegalStateException()
                        .isThrownBy(() -> StackReadiness.awaitAllHealthy(
                                List.of(
                                        new Service("metadata-store", store, null),
                                        new Service("northeurope", node, "exited with 1")),
                                System.nanoTime()))
                        .withMessageStartingWith("northeurope exited with 1")
                        .withMessageContaining("northeurope's log"));
    }

    private static MockResponse answer(int status) {
        return new MockResponse.Builder().code(status).build();
    }

    /** A service whose health path is a MockWebServer's, and whose start has failed when {@code failure} is set. */
    private record Service(String name, MockWebServer server, String failure) implements RunningService {

        @Override
        public URI url(String path) {
            return server.url(path).uri();
        }

        @Override
        public String healthPath() {
            return "/actuator/health";
        }

        @Override
        public Duration startupTimeout() {
            return Duration.ofMinutes(1);
        }

        @Override
        public String startFailure() {
            return failure;
        }

        @Override
        public boolean isRunning() {
            return failure == null;
        }

        @Override
        public String logTail() {
            return name + "'s log";
        }

        @Override
        public void kill() {}

        @Override
        public void restart() {}
    }
}
