package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.GatewayApplication;
import dev.powerpages.emulator.gateway.support.BlockingCallsRecorder;
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
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import okio.Okio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext fast;

    private static ConfigurableApplicationContext pipeline;

    private static ConfigurableApplicationContext switchedOff;

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
                if (target.startsWith("/cut-body")) {
                    // An origin that dies part-way through a page: the status line and headers (with the body's
                    // length), the first half of the body, a pause, then the connection cut. The pause keeps the
                    // two apart at the gateway: through the pipeline, a cut read together with the last bytes can
                    // overtake them (Spring's ChannelSendOperator drops a first chunk still cached when the error
                    // comes), which would make the pipeline's side of the comparison a race.
                    String body = "page " + target;
                    return answer.setHeader("Content-Length", body.length())
                            .socketHandler(socket -> cutPartWay(socket, body.substring(0, body.length() / 2)))
                            .build();
                }
                if (target.startsWith("/cut")) {
                    return answer.onResponseStart(new SocketEffect.CloseSocket())
                            .build();
                }
                if ("HEAD".equals(request.getMethod())) {
                    // No body after a HEAD's answer (RFC 9110, 9.3.2), the headers a GET's answer would carry: the
                    // GET's length for a sized page, Transfer-Encoding: chunked for a chunked one, else none (0).
                    if (target.startsWith("/sized")) {
                        answer.setHeader("Content-Length", ("page " + target).length());
                    } else if (target.startsWith("/chunked")) {
                        answer.removeHeader("Content-Length").addHeader("Transfer-Encoding", "chunked");
                    }
                    return answer.build();
                }
                if (target.startsWith("/large")) {
                    // Beyond gateway.fast-proxy.one-write-max-size (32 KB): passed on chunk by chunk.
                    return answer.body("page " + target + "\n" + "Lorem ipsum dolor sit amet.\n".repeat(2000))
                            .build();
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
        // Each gateway's first request asks the traffic manager, which may take longer than the resolver's timeout on
        // a busy machine (503 until it answers): the tests start once both hold its answer.
        warm(fast);
        warm(pipeline);
    }

    private static void cutPartWay(okio.Socket socket, String part) {
        // Not closed: closing the sink would end the stream (a clean FIN) before the pause.
        BufferedSink sink = Okio.buffer(socket.getSink());
        try {
            sink.writeUtf8(part).flush();
            Thread.sleep(200);
        } catch (IOException gatewayWentAway) {
            // nothing left to cut
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            socket.cancel();
        }
    }

    private static void warm(ConfigurableApplicationContext gateway) {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (send(gateway, "GET /warm HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .response()
                    .startsWith("HTTP/1.1 200")) {
                return;
            }
        }
    }

    private static ConfigurableApplicationContext gateway(boolean fastProxy) {
        String name = fastProxy ? "fast" : "pipeline";
        // As arguments: they take precedence over application.yml (default properties would not).
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        // More loops than a small machine's cores: a visitor's request and its origin connection on
                        // different loops is then the likely case, as on a larger machine (the loop-affinity test).
                        "--gateway.event-loops.threads=4",
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
        if (switchedOff != null) {
            switchedOff.close();
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
    void forwardingChainsRepeatedHeadersAndConnectionOptionsReachTheOriginAsThroughThePipeline() {
        // The header filters' work on one copy (HeaderFiltersInOneCopy) stands in for the context's own filters.
        assertThat(fastPath().headersInOneCopy()).isTrue();
        assertSameBothWays("GET /chain HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "X-Forwarded-For: 10.1.2.3\r\n"
                + "x-forwarded-for: 8.8.8.8\r\n"
                + "X-Forwarded-For: 192.168.0.9, 172.16.0.1\r\n"
                + "x-forwarded-host: www.contoso.example\r\n"
                + "X-Forwarded-Port: 443\r\n"
                + "Forwarded: for=1.2.3.4;proto=https\r\n"
                + "Accept: text/html\r\n"
                + "Cookie: a=1\r\n"
                + "accept: application/xhtml+xml\r\n"
                + "cookie: b=2\r\n"
                + "Connection: keep-alive, X-Hop, X-Forwarded-Proto\r\n"
                + "X-Hop: 1\r\n"
                + "TE: trailers\r\n"
                + "Upgrade-Insecure-Requests: 1\r\n"
                + "Connection: close\r\n\r\n");
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
        // After its headers, part-way through its body: the fast path gathers a body of this size before writing it
        // with the headers, the pipeline streams it; the visitor gets the same answer (whatever of the body came).
        assertSameBothWays("GET /cut-body HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    @Test
    void pagesWrittenWithTheirHeadersInOneWriteAndALargerOneStreamedAreTheSameBothWaysOnOneConnection() {
        // One keep-alive connection, a request after each answer: a page up to one-write-max-size goes out whole with
        // its headers, a larger one chunk by chunk as it arrives, a page again, then a HEAD (last: through the
        // pipeline, a request after a HEAD answered with Content-Length: 0 on the same connection got no answer here);
        // the bytes the visitor reads are the same as through the pipeline.
        List<String> requests = List.of(
                "GET /about/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /large HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "HEAD /about/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /about/?again HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        send(fast, "GET /warm HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        send(pipeline, "GET /warm HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        long before = fastPath().taken();
        String viaFastPath = inTurn(fast, requests);
        assertThat(fastPath().taken()).isEqualTo(before + requests.size());
        String viaPipeline = inTurn(pipeline, requests);

        String reference = "\\d{8}T\\d{6}Z-[0-9a-f]{20}";
        assertThat(viaFastPath.replaceAll(reference, "<reference>"))
                .isEqualTo(viaPipeline.replaceAll(reference, "<reference>"));
        assertThat(viaFastPath.split("HTTP/1.1 200 OK", -1)).hasSize(requests.size() + 1);
        assertThat(viaFastPath).contains("page /about/", "page /large\nLorem ipsum", "page /about/?again");
    }

    @Test
    void aRequestAfterAHeadOnTheSameConnectionIsAnsweredBothWays() {
        // Browsers and load balancers send their next request on the connection a HEAD was answered on, and a client's
        // last one may ask to close it. Such a request got no answer about one time in ten (after a HEAD and after a
        // page the fast path wrote in one piece: Reactor Netty buffers a request that comes before the previous one's
        // operations terminated, and a closing one was never handed on; edge.AnswersWrittenOnTheVisitorsLoop): hence
        // each connection more than once. The HEAD answered as the GET would be: no length, the GET's length, chunked.
        for (String head : List.of("/about/", "/sized/page", "/chunked/page")) {
            List<String> requests = List.of(
                    "GET /about/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "HEAD " + head + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "GET /chunked/after-head HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "HEAD " + head + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "GET /large HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "HEAD " + head + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "GET /about/?last HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String reference = "\\d{8}T\\d{6}Z-[0-9a-f]{20}";
            for (int connection = 0; connection < 15; connection++) {
                long before = fastPath().taken();
                String viaFastPath = inTurn(fast, requests);
                assertThat(fastPath().taken()).isEqualTo(before + requests.size());
                String viaPipeline = inTurn(pipeline, requests);
                assertThat(viaFastPath.replaceAll(reference, "<reference>"))
                        .as(head)
                        .isEqualTo(viaPipeline.replaceAll(reference, "<reference>"));
                assertThat(viaPipeline.split("HTTP/1.1 200 OK", -1)).as(head).hasSize(requests.size() + 1);
                assertThat(viaPipeline).as(head).contains("page /large\nLorem ipsum", "page /about/?last");
            }
        }
        // An HTTP/1.0 request without keep-alive closes the connection too.
        for (int connection = 0; connection < 15; connection++) {
            List<String> requests =
                    List.of("HEAD /sized/page HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET /about/ HTTP/1.0\r\n\r\n");
            assertThat(inTurn(fast, requests)).contains("page /about/");
            assertThat(inTurn(pipeline, requests)).contains("page /about/");
        }
    }

    @Test
    void concurrentVisitorsPagesAreAnsweredFromTheirOwnLoopOverReusedOriginConnections() throws Exception {
        // Eight keep-alive visitors at once, spread over the gateway's four loops, 25 pages each. Every origin answer
        // arrives on the loop of the visitor's connection (the origin connections are kept per loop), so no answer
        // has to be handed over to that loop (the counter an operator reads), and the origin connections are reused.
        int visitors = 8;
        int pages = 25;
        List<String> requests = new ArrayList<>();
        for (int page = 1; page < pages; page++) {
            requests.add("GET /loops/" + page + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        }
        requests.add("GET /loops/last HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        send(fast, "GET /warm HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        MeterRegistry registry = fast.getBean(MeterRegistry.class);
        double handOversBefore =
                registry.get("gateway.edge.loop.handovers").functionCounter().count();
        long takenBefore = fastPath().taken();
        seen.clear();
        ExecutorService threads = Executors.newFixedThreadPool(visitors);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int visitor = 0; visitor < visitors; visitor++) {
                answers.add(threads.submit(() -> inTurn(fast, requests)));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS).split("HTTP/1.1 200 OK", -1))
                        .hasSize(pages + 1);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(fastPath().taken()).isEqualTo(takenBefore + (long) visitors * pages);
        assertThat(registry.get("gateway.edge.loop.handovers").functionCounter().count())
                .isEqualTo(handOversBefore);
        Set<Integer> originConnections = new HashSet<>();
        for (RecordedRequest request : seen) {
            if (request.getTarget().startsWith("/loops/")) {
                originConnections.add(request.getConnectionIndex());
            }
        }
        // At most one per visitor at a time, and the idle ones earlier tests left in each loop's pool: not 200.
        assertThat(originConnections).hasSizeBetween(1, 2 * visitors);
    }

    /**
     * The requests on one connection, each sent once the answer before it was read whole (by its Content-Length, or
     * chunk by chunk; nothing after a HEAD's headers); every answer's bytes. An answer that does not come within 10 s
     * fails the test.
     */
    private static String inTurn(ConfigurableApplicationContext gateway, List<String> requests) {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            for (String request : requests) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String headers;
                try {
                    headers = readUntil(in, "\r\n\r\n", answers);
                } catch (SocketTimeoutException silent) {
                    throw new AssertionError(
                            "no answer to " + request.lines().findFirst().orElseThrow() + " after:\n"
                                    + answers.toString(StandardCharsets.ISO_8859_1));
                }
                String length = header(headers, "content-length");
                if (request.startsWith("HEAD")) {
                    continue;
                }
                if ("chunked".equalsIgnoreCase(header(headers, "transfer-encoding"))) {
                    for (int size = -1; size != 0; ) {
                        String line = readUntil(in, "\r\n", answers);
                        size = Integer.parseInt(line.strip(), 16);
                        answers.write(in.readNBytes(size + 2));
                    }
                } else if (length != null) {
                    answers.write(in.readNBytes(Integer.parseInt(length)));
                }
            }
            return answers.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The bytes up to and including {@code end}, also written to {@code copy}. */
    private static String readUntil(InputStream in, String end, ByteArrayOutputStream copy) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int next = in.read();
            assertThat(next)
                    .as("an answer's bytes up to " + end.length() + " line ends")
                    .isNotNegative();
            read.write(next);
        }
        copy.write(read.toByteArray());
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aProxiedPageIsCountedInTheSameMetersBothWays() {
        Map<String, Double> viaFastPath =
                assertCountedTheSameBothWays("GET /counted HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        // The dashboard's meters (docs/dashboard): the server's requests by status, the edge's, the origin's.
        assertThat(viaFastPath)
                .containsKeys(
                        "http.server.requests[tag(error=none), tag(exception=none), tag(method=GET),"
                                + " tag(outcome=SUCCESS), tag(status=200), tag(uri=UNKNOWN)]COUNT",
                        "gateway.origin.requests[tag(endpoint=northeurope)]COUNT");
    }

    /** What the request adds to the meters the dashboard reads, the same through both gateways; the fast path's. */
    private static Map<String, Double> assertCountedTheSameBothWays(String request) {
        send(fast, request);
        send(pipeline, request);
        Map<String, Double> fastBefore = settledCounts(fast);
        Map<String, Double> pipelineBefore = settledCounts(pipeline);
        send(fast, request);
        send(pipeline, request);
        Map<String, Double> viaFastPath = awaitCounted(fast, fastBefore);
        Map<String, Double> viaPipeline = awaitCounted(pipeline, pipelineBefore);
        assertThat(viaFastPath).isEqualTo(viaPipeline);
        return viaFastPath;
    }

    /** What one request added to the meters the edge's dashboard and docs read, by meter and tags. */
    private static Map<String, Double> awaitCounted(
            ConfigurableApplicationContext gateway, Map<String, Double> before) {
        // The server's timer and the edge's response count are recorded once the answer is written, which the client
        // may see first.
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
                    && added.keySet().stream().anyMatch(name -> name.startsWith("gateway.edge.requests"))
                    && added.keySet().stream().anyMatch(name -> name.startsWith("gateway.edge.responses["))) {
                return added;
            }
            pause();
        }
        return added;
    }

    /**
     * The counts once the requests before have all been recorded (the server records a request after its answer is
     * written, which the client may see first): two reads 100 ms apart that agree.
     */
    private static Map<String, Double> settledCounts(ConfigurableApplicationContext gateway) {
        Map<String, Double> last = counts(gateway);
        for (int attempt = 0; attempt < 50; attempt++) {
            pause();
            Map<String, Double> now = counts(gateway);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
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

    /**
     * The Full preset's rule sets (the whole Default Rule Set with the Web API's OData options excluded from its SQLI
     * group, the bot rules) in Prevention, as bench/parts/wafcost.sh measures them.
     */
    private static final String FULL_PREVENTION = """
            {"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention","customBlockResponseStatusCode":403},
             "managedRules":{"managedRuleSets":[{"ruleSetType":"Microsoft_DefaultRuleSet","ruleSetVersion":"2.1","ruleSetAction":"Block",
               "ruleGroupOverrides":[{"ruleGroupName":"SQLI","exclusions":[
                 {"matchVariable":"QueryStringArgNames","selectorMatchOperator":"Equals","selector":"$select"},
                 {"matchVariable":"QueryStringArgNames","selectorMatchOperator":"Equals","selector":"$filter"},
                 {"matchVariable":"QueryStringArgNames","selectorMatchOperator":"Equals","selector":"$top"}]}]},
               {"ruleSetType":"Microsoft_BotManagerRuleSet","ruleSetVersion":"1.0"}]}}}""";

    private static final String BROWSER =
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n";

    @Test
    void withTheWafOnAnAllowedPageIsInspectedAndProxiedWithTheSameAnswerBothWays() {
        withPolicy(FULL_PREVENTION, () -> {
            for (String request : new String[] {
                "GET /?q=hello%20world HTTP/1.1\r\nHost: localhost\r\n" + BROWSER + "Accept: text/html\r\n"
                        + "X-Forwarded-For: 10.1.2.3\r\nConnection: close\r\n\r\n",
                // Ordinary text in any script passes the Full preset (issue 16): café crème ✓ Привет 你好.
                "GET /?q=caf%C3%A9%20cr%C3%A8me%20%E2%9C%93%20%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20%E4%BD%A0%E5%A5%BD"
                        + " HTTP/1.1\r\nHost: localhost\r\n" + BROWSER + "Connection: close\r\n\r\n",
                "HEAD /about/ HTTP/1.1\r\nHost: localhost\r\n" + BROWSER + "Connection: close\r\n\r\n",
                "GET /_api/accounts?$select=name&$filter=statecode%20eq%200&$top=5 HTTP/1.1\r\nHost: localhost\r\n"
                        + BROWSER + "Connection: close\r\n\r\n"
            }) {
                Exchange allowed = assertSameBothWays(request);
                assertThat(allowed.response()).as(request).startsWith("HTTP/1.1 200");
                assertThat(allowed.originSaw()).as(request).isNotEqualTo("nothing");
            }
        });
    }

    @Test
    void withTheWafOnABlockedRequestGetsFrontDoorsBlockAnswerBothWaysAndNeverReachesTheOrigin() {
        withPolicy(FULL_PREVENTION, () -> {
            String attack = "/?q=%3Cscript%3Ealert(1)%3C/script%3E";
            // A browser gets the block page naming the reference, an API client the JSON error; a HEAD the headers.
            Exchange page = assertSameBothWays("GET " + attack + " HTTP/1.1\r\nHost: localhost\r\n" + BROWSER
                    + "Accept: text/html,application/xhtml+xml\r\nConnection: close\r\n\r\n");
            assertThat(page.response())
                    .startsWith("HTTP/1.1 403")
                    .contains("The request is blocked.")
                    .contains("<code>" + page.reference() + "</code>");
            assertThat(page.originSaw()).isEqualTo("nothing");
            Exchange json = assertSameBothWays("GET " + attack + " HTTP/1.1\r\nHost: localhost\r\n" + BROWSER
                    + "Accept: application/json\r\nConnection: close\r\n\r\n");
            assertThat(json.response())
                    .startsWith("HTTP/1.1 403")
                    .contains("\"code\":\"RequestBlocked\"")
                    .contains(json.reference());
            assertThat(json.originSaw()).isEqualTo("nothing");
            Exchange head = assertSameBothWays(
                    "HEAD " + attack + " HTTP/1.1\r\nHost: localhost\r\n" + BROWSER + "Connection: close\r\n\r\n");
            assertThat(head.response()).startsWith("HTTP/1.1 403");
            assertThat(wafLog(fast, page.reference())).contains("\"action\":\"Block\"");
        });
    }

    @Test
    void withTheWafOnABlockedRequestIsCountedInTheSameMetersBothWays() {
        withPolicy(FULL_PREVENTION, () -> {
            Map<String, Double> viaFastPath = assertCountedTheSameBothWays("GET /?file=../../etc/passwd HTTP/1.1\r\n"
                    + "Host: localhost\r\n" + BROWSER + "Connection: close\r\n\r\n");
            assertThat(viaFastPath)
                    .containsKey("http.server.requests[tag(error=none), tag(exception=none), tag(method=GET),"
                            + " tag(outcome=CLIENT_ERROR), tag(status=403), tag(uri=UNKNOWN)]COUNT")
                    .doesNotContainKey("gateway.origin.requests[tag(endpoint=northeurope)]COUNT");
        });
    }

    @Test
    void withTheWafOnARedirectRuleAnswersTheSameRedirectBothWays() {
        String redirectOldPages = """
                {"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention","redirectUrl":"https://www.contoso.example/moved"},
                 "customRules":{"rules":[{"name":"OldPages","priority":1,"ruleType":"MatchRule","action":"Redirect",
                   "matchConditions":[{"matchVariable":"RequestUri","operator":"Contains","matchValue":["/old-page"]}]}]}}}""";
        withPolicy(redirectOldPages, () -> {
            Exchange redirected = assertSameBothWays(
                    "GET /old-page/ HTTP/1.1\r\nHost: localhost\r\n" + BROWSER + "Connection: close\r\n\r\n");
            assertThat(redirected.response())
                    .startsWith("HTTP/1.1 302")
                    .contains("Location: https://www.contoso.example/moved");
            assertThat(redirected.originSaw()).isEqualTo("nothing");
            Exchange other = assertSameBothWays(
                    "GET /new-page/ HTTP/1.1\r\nHost: localhost\r\n" + BROWSER + "Connection: close\r\n\r\n");
            assertThat(other.response()).startsWith("HTTP/1.1 200");
        });
    }

    @Test
    void withTheWafInDetectionAMatchIsLoggedTheSameBothWaysAndTheRequestProxied() {
        withPolicy(FULL_PREVENTION.replace("\"Prevention\"", "\"Detection\""), () -> {
            Exchange logged = assertSameBothWays("GET /?file=../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n" + BROWSER
                    + "Connection: close\r\n\r\n");
            assertThat(logged.response()).startsWith("HTTP/1.1 200");
            assertThat(logged.originSaw()).startsWith("GET /?file=../../etc/passwd");
            // assertSameBothWays compared the entries both ways; here, that there are some and what they say.
            assertThat(wafLog(fast, logged.reference()))
                    .contains("\"ruleGroup\":\"LFI\"")
                    .contains("\"action\":\"Log\"")
                    .contains("\"policyMode\":\"Detection\"")
                    .doesNotContain("\"action\":\"Block\"");
        });
    }

    @Test
    void withWafInspectionSwitchedOffARequestAPolicyInspectsTakesThePipeline() {
        // Closed with the others (@AfterAll): closing a context disposes Reactor Netty's shared loops, which the other
        // gateways in this JVM still serve on.
        switchedOff = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--gateway.fast-proxy.waf-inspected=false",
                        "--gateway.traffic-manager.url=" + trafficManager.url(),
                        "--gateway.cdn.site-settings.enabled=false",
                        "--gateway.waf.policy-file=" + data.resolve("switched-off-waf.json"),
                        "--gateway.cdn.settings-file=" + data.resolve("switched-off-cdn.json"));
        String page = "GET /?q=hello%20world HTTP/1.1\r\nHost: localhost\r\n" + BROWSER + "Connection: close\r\n\r\n";
        warm(switchedOff);
        ProxiedFastPath fastPath = switchedOff.getBean(ProxiedFastPath.class);
        long before = fastPath.taken();
        assertThat(send(switchedOff, page).response()).startsWith("HTTP/1.1 200");
        // Without a policy the fast path takes the page; with one, the pipeline inspects and proxies it.
        assertThat(fastPath.taken()).isEqualTo(before + 1);
        assertThat(admin(switchedOff, "PUT", "/_edge/admin/waf", FULL_PREVENTION))
                .matches("(?s)HTTP/1.1 20[01] .*");
        assertThat(send(switchedOff, page).response()).startsWith("HTTP/1.1 200");
        assertThat(send(
                                switchedOff,
                                "GET /?q=%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1\r\nHost: localhost\r\n" + BROWSER
                                        + "Connection: close\r\n\r\n")
                        .response())
                .startsWith("HTTP/1.1 403");
        assertThat(fastPath.taken()).isEqualTo(before + 1);
    }

    /**
     * Runs {@code check} with {@code policy} put on both gateways (the WAF stage then inspects every request), the
     * policy deleted after it; no blocking call on an event loop meanwhile (BlockHound, {@link BlockingCallsRecorder}).
     */
    private static void withPolicy(String policy, Runnable check) {
        List<String> blockingCallsBefore = List.copyOf(BlockingCallsRecorder.calls());
        for (ConfigurableApplicationContext gateway : List.of(fast, pipeline)) {
            assertThat(admin(gateway, "PUT", "/_edge/admin/waf", policy)).matches("(?s)HTTP/1.1 20[01] .*");
        }
        try {
            check.run();
        } finally {
            for (ConfigurableApplicationContext gateway : List.of(fast, pipeline)) {
                admin(gateway, "DELETE", "/_edge/admin/waf", null);
            }
        }
        assertThat(BlockingCallsRecorder.calls()).isEqualTo(blockingCallsBefore);
    }

    /** The WAF log's entries for one request (GET /_edge/admin/waf/logs), without their time. */
    private static String wafLog(ConfigurableApplicationContext gateway, String reference) {
        String response = admin(gateway, "GET", "/_edge/admin/waf/logs?reference=" + reference, null);
        assertThat(response).startsWith("HTTP/1.1 200");
        JsonNode page = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : page.path("value")) {
            ((ObjectNode) entry).remove("time");
            entries.add(entry.toString());
        }
        return String.join("\n", entries);
    }

    private static String admin(ConfigurableApplicationContext gateway, String method, String path, String body) {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Admin-Key: emulator-admin-key\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                + "Connection: close\r\n\r\n";
        return raw(port, head + (body == null ? "" : body));
    }

    private static ProxiedFastPath fastPath() {
        return fast.getBean(ProxiedFastPath.class);
    }

    private Exchange assertSameBothWays(String request) {
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
        // What the WAF logged for the request (nothing while no policy is on), the same both ways.
        assertThat(normalised(wafLog(fast, viaFastPath.reference()), viaFastPath.reference()))
                .isEqualTo(normalised(wafLog(pipeline, viaPipeline.reference()), viaPipeline.reference()));
        return viaFastPath;
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
            // A request the origin answered reached it before the answer came back; one the edge answered itself (the
            // WAF's block or redirect, the edge's own paths) never will: no need to wait for it.
            boolean answeredAtTheEdge = response.startsWith("HTTP/1.1 403")
                    || response.startsWith("HTTP/1.1 302")
                    || response.startsWith("HTTP/1.1 503");
            atOrigin = answeredAtTheEdge ? seen.poll() : seen.poll(5, TimeUnit.SECONDS);
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
