package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.GatewayApplication;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A request proxied ahead of the pipeline ({@link ProxiedFastPath}) gets the answer the pipeline gives, and the origin
 * gets the request the pipeline sends: two gateways on one origin, the fast path on in one and off in the other, the
 * same raw requests to both, every header compared both ways (the X-Azure-Ref by its shape and by the origin seeing
 * the one the visitor gets).
 */
class ProxiedFastPathTest {

    private static final MockWebServer origin = new MockWebServer();

    private static final BlockingQueue<RecordedRequest> seen = new LinkedBlockingQueue<>();

    private static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext fast;

    private static ConfigurableApplicationContext pipeline;

    @BeforeAll
    static void start() throws IOException {
        origin.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                seen.add(request);
                String target = request.getTarget();
                MockResponse.Builder answer = new MockResponse.Builder()
                        .code(target.startsWith("/missing") ? 404 : target.startsWith("/odd") ? 599 : 200)
                        .addHeader("Content-Type", "text/html; charset=utf-8")
                        .addHeader("Set-Cookie", "a=1; Path=/")
                        .addHeader("Set-Cookie", "b=2; Path=/")
                        .addHeader("Keep-Alive", "timeout=5")
                        .addHeader("X-Azure-Ref", "the-origins-own")
                        .addHeader("Cache-Control", "private")
                        .addHeader("X-PP-Region", "northeurope");
                if (target.startsWith("/cut")) {
                    return answer.onResponseStart(new SocketEffect.CloseSocket())
                            .build();
                }
                if ("HEAD".equals(request.getMethod())) {
                    return answer.build(); // no body after a HEAD's answer (RFC 9110, 9.3.2)
                }
                return target.startsWith("/chunked")
                        ? answer.chunkedBody("page " + target, 7).build()
                        : answer.body("page " + target).build();
            }
        });
        origin.start(InetAddress.getLoopbackAddress(), 0);
        trafficManager.answer("northeurope", origin.url("/").uri().resolve("/"), 300);
        fast = gateway(true);
        pipeline = gateway(false);
    }

    private static ConfigurableApplicationContext gateway(boolean fastProxy) {
        String name = fastProxy ? "fast" : "pipeline";
        // As arguments: they take precedence over application.yml (default properties would not).
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--gateway.fast-proxy.enabled=" + fastProxy,
                        "--gateway.traffic-manager.url=" + trafficManager.url(),
                        "--gateway.cdn.site-settings.enabled=false",
                        "--gateway.waf.policy-file=" + data.resolve(name + "-waf.json"),
                        "--gateway.cdn.settings-file=" + data.resolve(name + "-cdn.json"));
    }

    @AfterAll
    static void stop() {
        if (fast != null) {
            fast.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        origin.close();
        trafficManager.close();
    }

    @Test
    void aProxiedPageGetsTheSameAnswerAndTheOriginTheSameRequestBothWays() {
        String request = "GET /about/team/?q=a%20b&&page=2 HTTP/1.1\r\n"
                + "Host: www.contoso.example\r\n"
                + "Accept: text/html\r\n"
                + "X-Forwarded-For: 10.1.2.3, 8.8.8.8\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "X-Azure-Ref: the-visitors-own\r\n"
                + "Keep-Alive: timeout=9\r\n"
                + "Proxy-Authorization: Basic eDp5\r\n"
                + "Cookie: c=3\r\n"
                + "Connection: close\r\n\r\n";
        assertSameBothWays(request);
    }

    @Test
    void aHeadRequestAChunkedAnswerAndStatusesBeyondTheKnownOnesAreTheSameBothWays() {
        assertSameBothWays("HEAD /about/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertSameBothWays("GET /chunked/page HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertSameBothWays("GET /missing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertSameBothWays("GET /odd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    @Test
    void anOriginThatCutsTheConnectionGetsTheSameEdgeErrorBothWays() {
        // 502 OriginConnectionClosed in the edge's JSON shape, with the request's reference.
        assertSameBothWays("GET /cut HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aProxiedPageIsCountedInTheSameMetersBothWays() throws InterruptedException {
        String request = "GET /counted HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        send(fast, request);
        send(pipeline, request);
        Map<String, Double> fastBefore = counts(fast);
        Map<String, Double> pipelineBefore = counts(pipeline);
        send(fast, request);
        send(pipeline, request);
        Map<String, Double> viaFastPath = awaitCounted(fast, fastBefore);
        Map<String, Double> viaPipeline = awaitCounted(pipeline, pipelineBefore);
        // The dashboard's meters (docs/dashboard): the server's requests by status, the edge's, the origin's.
        assertThat(viaFastPath)
                .containsKeys(
                        "http.server.requests[tag(error=none), tag(exception=none), tag(method=GET),"
                                + " tag(outcome=SUCCESS), tag(status=200), tag(uri=UNKNOWN)]COUNT",
                        "gateway.origin.requests[tag(endpoint=northeurope)]COUNT");
        assertThat(viaFastPath).isEqualTo(viaPipeline);
    }

    /** What one request added to the meters the edge's dashboard and docs read, by meter and tags. */
    private static Map<String, Double> awaitCounted(ConfigurableApplicationContext gateway, Map<String, Double> before)
            throws InterruptedException {
        // The server's timer is recorded once the answer is written, which the client may see first.
        Map<String, Double> added = Map.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            Map<String, Double> now = counts(gateway);
            added = new TreeMap<>();
            for (Map.Entry<String, Double> count : now.entrySet()) {
                double difference = count.getValue() - before.getOrDefault(count.getKey(), 0.0);
                if (difference != 0) {
                    added.put(count.getKey(), difference);
                }
            }
            if (added.keySet().stream().anyMatch(name -> name.startsWith("http.server.requests["))
                    && added.keySet().stream().anyMatch(name -> name.startsWith("gateway.edge.requests"))) {
                return added;
            }
            Thread.sleep(100);
        }
        return added;
    }

    private static Map<String, Double> counts(ConfigurableApplicationContext gateway) {
        Map<String, Double> counts = new TreeMap<>();
        MeterRegistry registry = gateway.getBean(MeterRegistry.class);
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (!(name.startsWith("http.server.requests")
                    || name.startsWith("gateway.edge.")
                    || name.startsWith("gateway.origin."))) {
                continue;
            }
            for (Measurement measurement : meter.measure()) {
                if (measurement.getStatistic() == Statistic.COUNT
                        || measurement.getStatistic() == Statistic.ACTIVE_TASKS) {
                    counts.put(name + meter.getId().getTags() + measurement.getStatistic(), measurement.getValue());
                }
            }
        }
        return counts;
    }

    @Test
    void leavesToThePipelineWhatItDoesNotHandle() {
        long before = fastPath().taken();
        // A body, another method, an upgrade, the edge's own paths: all through the pipeline, answered as before.
        Exchange post = send(
                fast, "POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1");
        assertThat(post.response()).startsWith("HTTP/1.1 200");
        assertThat(send(fast, "GET /_edge/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .response())
                .startsWith("HTTP/1.1 200");
        assertThat(fastPath().taken()).isEqualTo(before);
    }

    private static ProxiedFastPath fastPath() {
        return fast.getBean(ProxiedFastPath.class);
    }

    private void assertSameBothWays(String request) {
        // The first request of each gateway asks the traffic manager (through the pipeline); the next ones are taken.
        send(fast, "GET /warm HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        send(pipeline, "GET /warm HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        long before = fastPath().taken();
        Exchange viaFastPath = send(fast, request);
        assertThat(fastPath().taken()).isEqualTo(before + 1);
        Exchange viaPipeline = send(pipeline, request);
        assertThat(pipeline.getBean(ProxiedFastPath.class).taken()).isZero();

        assertThat(normalised(viaFastPath.response(), viaFastPath.reference()))
                .isEqualTo(normalised(viaPipeline.response(), viaPipeline.reference()));
        assertThat(normalised(viaFastPath.originSaw(), viaFastPath.reference()))
                .isEqualTo(normalised(viaPipeline.originSaw(), viaPipeline.reference()));
        assertThat(viaFastPath.reference()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{20}");
    }

    /** The text with the request's own reference and the gateway's port replaced by placeholders. */
    private static String normalised(String text, String reference) {
        return text.replace(reference, "<reference>").replaceAll("127\\.0\\.0\\.1(:\\d+)?", "<address>");
    }

    private record Exchange(String response, String originSaw, String reference) {}

    private static Exchange send(ConfigurableApplicationContext gateway, String request) {
        seen.clear();
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        String response = raw(port, request);
        RecordedRequest atOrigin;
        try {
            atOrigin = seen.poll(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        String reference = header(response, "x-azure-ref");
        String originSaw = atOrigin == null
                ? "nothing"
                : atOrigin.getRequestLine() + "\n" + atOrigin.getHeaders() + "\n" + atOrigin.getBody();
        return new Exchange(response, originSaw, reference == null ? "<none>" : reference);
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String raw(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
