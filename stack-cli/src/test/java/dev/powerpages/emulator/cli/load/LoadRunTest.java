package dev.powerpages.emulator.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    final MockWebServer server = new MockWebServer();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsAtTheAskedRateAndCountsFailuresLatencyAndTheNodesThatAnswered() throws Exception {
        AtomicInteger count = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int n = count.incrementAndGet();
                if (n % 10 == 0) {
                    return new MockResponse.Builder().code(503).build();
                }
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("X-PP-Node", n % 2 == 0 ? "northeurope-1" : "northeurope-2")
                        .headersDelay(20, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .body("page")
                        .build();
            }
        });
        server.start();

        LoadRun.Report report = new LoadRun(
                        new LoadRun.Settings(
                                URI.create("http://localhost:" + server.getPort() + "/"),
                                40,
                                Duration.ofSeconds(3),
                                16),
                        new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        assertThat(report.sent())
                .as("40 requests/s for 3 s (a busy machine may lag the clock by a few)")
                .isBetween(96L, 125L);
        assertThat(report.succeeded() + report.failed()).isEqualTo(report.sent());
        assertThat(report.failed()).isEqualTo(report.sent() / 10);
        assertThat(report.requestsPerSecond()).isBetween(28.0, 45.0);
        assertThat(report.p95Millis()).isBetween(20L, 1000L);
        assertThat(report.nodes()).containsOnlyKeys("northeurope-1", "northeurope-2");
        LoadRun.print(report, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(
                        "Load: 40 requests/s for 3s", "Done: ", report.failed() + " failed", "p95 ", "northeurope-2=");
    }

    @Test
    void aServerThatDoesNotAnswerCountsAsFailuresNotAsAHang() throws Exception {
        server.start();
        int port = server.getPort();
        server.close();

        LoadRun.Report report = new LoadRun(
                        new LoadRun.Settings(
                                URI.create("http://localhost:" + port + "/"), 20, Duration.ofSeconds(1), 8),
                        new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        assertThat(report.sent()).isPositive();
        assertThat(report.failed()).isEqualTo(report.sent());
        assertThat(report.succeeded()).isZero();
    }
}
