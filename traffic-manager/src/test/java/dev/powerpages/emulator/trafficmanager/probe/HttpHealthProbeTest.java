package dev.powerpages.emulator.trafficmanager.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.powerpages.emulator.trafficmanager.profile.CustomHeader;
import dev.powerpages.emulator.trafficmanager.profile.MonitorConfig;
import dev.powerpages.emulator.trafficmanager.profile.MonitorProtocol;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import dev.powerpages.emulator.trafficmanager.profile.StatusCodeRange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHealthProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final HttpHealthProbe probe = new HttpHealthProbe();
    private final Map<String, String> receivedHeaders = new ConcurrentHashMap<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private ExecutorService executor;
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/ok", exchange -> {
            exchange.getRequestHeaders()
                    .forEach((name, values) -> receivedHeaders.put(name.toLowerCase(), values.get(0)));
            answer(exchange, 200);
        });
        server.createContext("/no-content", exchange -> answer(exchange, 204));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/target");
            answer(exchange, 301);
        });
        server.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            answer(exchange, 200);
        });
        server.createContext("/slow", exchange -> {
            sleep(TIMEOUT.multipliedBy(3));
            answer(exchange, 200);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static MonitorConfig monitor(List<StatusCodeRange> ranges, List<CustomHeader> headers) {
        return new MonitorConfig(MonitorProtocol.HTTP, 80, "/", 10, 5, 1, ranges, headers);
    }

    private ProbeResult probe(String path, MonitorConfig monitor) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return probe.probe(uri, monitor, TIMEOUT).join();
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
        ProbeResult result = probe("/slow", monitor(null, null));

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).contains("500 ms timeout");
        assertThat(result.latency()).isLessThan(TIMEOUT.multipliedBy(2));
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
