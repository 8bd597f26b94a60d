package dev.powerpages.emulator.trafficmanager.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.trafficmanager.profile.CustomHeader;
import dev.powerpages.emulator.trafficmanager.profile.MonitorConfig;
import dev.powerpages.emulator.trafficmanager.profile.MonitorProtocol;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import dev.powerpages.emulator.trafficmanager.profile.StatusCodeRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHealthProbeTest {

    /** Generous, so that a loaded machine does not fail the tests that expect an answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The timeout of the one test that expects none; the slow path answers well after it. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    private static final Duration SLOW_ANSWER = Duration.ofSeconds(5);

    private final HttpHealthProbe probe = new HttpHealthProbe();
    private final Map<String, String> receivedHeaders = new ConcurrentHashMap<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return switch (request.getUrl().encodedPath()) {
                    case "/ok" -> {
                        Headers headers = request.getHeaders();
                        for (int i = 0; i < headers.size(); i++) {
                            receivedHeaders.putIfAbsent(headers.name(i).toLowerCase(), headers.value(i));
                        }
                        yield answer(200);
                    }
                    case "/no-content" -> answer(204);
                    case "/moved" ->
                        new MockResponse.Builder()
                                .code(301)
                                .addHeader("Location", "/target")
                                .build();
                    case "/target" -> {
                        redirectTargetHits.incrementAndGet();
                        yield answer(200);
                    }
                    case "/slow" -> {
                        Thread.sleep(SLOW_ANSWER.toMillis());
                        yield answer(200);
                    }
                    default -> answer(404);
                };
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static MockResponse answer(int status) {
        return new MockResponse.Builder().code(status).build();
    }

    private static MonitorConfig monitor(List<StatusCodeRange> ranges, List<CustomHeader> headers) {
        return new MonitorConfig(MonitorProtocol.HTTP, 80, "/", 10, 5, 1, ranges, headers);
    }

    private ProbeResult probe(String path, MonitorConfig monitor) {
        return probe(path, monitor, TIMEOUT);
    }

    private ProbeResult probe(String path, MonitorConfig monitor, Duration timeout) {
        URI uri = URI.create("http://127.0.0.1:" + server.getPort() + path);
        return probe.probe(uri, monitor, timeout).join();
    }

    @Test
    void healthyAnswerSucceedsAndCarriesTheCustomHeadersAndAzuresUserAgent() {
        ProbeResult result = probe("/ok", monitor(null, List.of(new CustomHeader("X-Probe-Tenant", "contoso"))));

        assertThat(result.success()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(receivedHeaders)
                .containsEntry("x-probe-tenant", "contoso")
                .containsEntry("user-agent", "Azure Traffic Manager Endpoint Monitor");
    }

    @Test
    void statusOutsideTheExpectedRangesFailsAndInsideSucceeds() {
        assertThat(probe("/no-content", monitor(null, null)).success()).isFalse();
        assertThat(probe("/no-content", monitor(List.of(new StatusCodeRange(200, 299)), null))
                        .success())
                .isTrue();
    }

    @Test
    void redirectIsAFailureAndIsNotFollowed() {
        ProbeResult result = probe("/moved", monitor(null, null));

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isEqualTo(301);
        assertThat(result.error()).contains("redirect").contains("/target");
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void answerSlowerThanTheTimeoutIsAFailure() {
        ProbeResult result = probe("/slow", monitor(null, null), SHORT_TIMEOUT);

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).contains("500 ms timeout");
        assertThat(result.latency()).isLessThan(SLOW_ANSWER.dividedBy(2));
    }

    @Test
    void refusedConnectionIsAFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ProbeResult result = probe.probe(
                        URI.create("http://127.0.0.1:" + closedPort + "/ok"), monitor(null, null), TIMEOUT)
                .join();

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Connection refused");
    }
}
