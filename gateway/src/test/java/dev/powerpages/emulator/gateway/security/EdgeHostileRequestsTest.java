package dev.powerpages.emulator.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.RawHttp;
import dev.powerpages.emulator.waf.engine.HostileInputs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Oversized, malformed and random hostile requests at the edge, over a real socket. The limits are
 * Front Door's documented ones (Azure subscription and service limits, "Azure Front Door": URLs of
 * 8,192 bytes, request headers of 32 KB, the WAF inspecting the first 128 KB of a body), enforced by
 * the edge with 414/431/413 in Azure's error shape; beyond Netty's own limits (64 KB request line,
 * 64 KB of headers, server.netty in application.yml) Netty answers 414/431 before any filter runs.
 * Whatever arrives, the edge never answers 500 and never hangs; its own answers carry
 * {@code X-Content-Type-Options: nosniff} and no {@code Server} header, and the site's own security
 * headers pass through untouched.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"gateway.waf.max-body-size=1MB", "gateway.cdn.site-settings.enabled=false"})
class EdgeHostileRequestsTest {

    static final String KEY = "emulator-admin-key";

    static final Duration HANG = Duration.ofSeconds(15);

    static final AtomicInteger originRequests = new AtomicInteger();

    /** An app node that reads the whole body and answers with the security headers a site sets. */
    static final DisposableServer origin = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .httpRequestDecoder(spec -> spec.maxInitialLineLength(65536))
            .handle((request, response) -> {
                originRequests.incrementAndGet();
                return request.receive()
                        .aggregate()
                        .asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> response.status(200)
                                .header("Content-Type", "text/html; charset=utf-8")
                                .header("X-PP-Region", "northeurope")
                                .header("X-PP-Node", "northeurope-1")
                                .header("X-Frame-Options", "SAMEORIGIN")
                                .header("Content-Security-Policy", "frame-ancestors 'self'")
                                .header("X-Content-Type-Options", "nosniff")
                                .header("Strict-Transport-Security", "max-age=31536000")
                                .sendString(Mono.just("<p>page, " + body.length + " bytes received</p>"))
                                .then());
            })
            .bindNow();

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        trafficManager.answer("northeurope", URI.create("http://127.0.0.1:" + origin.port()), 300);
        Path data = Files.createTempDirectory("edge-hostile");
        registry.add("gateway.traffic-manager.url", trafficManager::url);
        registry.add(
                "gateway.waf.policy-file", () -> data.resolve("waf-policy.json").toString());
        registry.add(
                "gateway.cdn.settings-file",
                () -> data.resolve("cdn-settings.json").toString());
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        origin.disposeNow();
    }

    @LocalServerPort
    int port;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void wafOff() throws Exception {
        waf("{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\"}}}");
    }

    RawHttp.Response get(String target, String... headers) {
        return RawHttp.send(
                port,
                "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", headers)
                        + "Connection: close\r\n\r\n",
                null,
                HANG);
    }

    void assertEdgeError(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"reference\"");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Azure-Ref")).isNotBlank();
    }

    @Test
    void rejectsAUrlLongerThanFrontDoorsWith414() {
        assertEdgeError(get("/search?q=" + "a".repeat(9000)), 414, "UriTooLong");
        // Under the limit it reaches the site.
        assertThat(get("/search?q=" + "a".repeat(8000)).status()).isEqualTo(200);
    }

    @Test
    void rejectsARequestLineBeyondNettysLimitWith414() {
        RawHttp.Response response = get("/search?q=" + "a".repeat(70_000));
        assertThat(response.status()).as(response.body()).isEqualTo(414);
    }

    @Test
    void rejectsHeadersLargerThanFrontDoorsWith431() {
        assertEdgeError(get("/", "X-Big: " + "b".repeat(40_000) + "\r\n"), 431, "RequestHeaderFieldsTooLarge");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add("X-Many-" + i + ": " + "m".repeat(90) + "\r\n");
        }
        assertEdgeError(get("/", many.toArray(String[]::new)), 431, "RequestHeaderFieldsTooLarge");
    }

    @Test
    void rejectsHeadersBeyondNettysLimitWith431() {
        RawHttp.Response response = get("/", "X-Huge: " + "h".repeat(70_000) + "\r\n");
        assertThat(response.status()).as(response.body()).isEqualTo(431);
    }

    @Test
    void rejectsADeclaredBodyBeyondTheLimitWith413BeforeReadingIt() {
        int before = originRequests.get();
        RawHttp.Response response = RawHttp.send(
                port,
                "POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n" + "Content-Length: "
                        + (2 << 20) + "\r\nConnection: close\r\n\r\n",
                new byte[1024],
                HANG);
        assertEdgeError(response, 413, "RequestEntityTooLarge");
        assertThat(originRequests.get()).isEqualTo(before);
    }

    @Test
    void rejectsAChunkedBodyBeyondTheLimitWith413WithTheWafOffAndOn() throws Exception {
        assertEdgeError(chunked(2 << 20), 413, "RequestEntityTooLarge");
        RawHttp.Response small = chunked(3 * 0x8000);
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.body()).contains("98304 bytes received");
        waf("{\"properties\":{\"policySettings\":{\"enabledState\":\"Enabled\",\"mode\":\"Prevention\"}}}");
        assertEdgeError(chunked(2 << 20), 413, "RequestEntityTooLarge");
        assertThat(chunked(3 * 0x8000).status()).isEqualTo(200);
    }

    @Test
    void answersMalformedRequestsWith400AndNeverHangs() {
        List<String> malformed = List.of(
                "GET\r\n\r\n",
                "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                "\u0000\u0001\u0002\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\n: empty\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "GET /<script> HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /%%% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        for (String request : malformed) {
            RawHttp.Response response = RawHttp.send(port, request.getBytes(StandardCharsets.ISO_8859_1), HANG);
            assertThat(response.status())
                    .as("%s -> %s", request.strip(), response.body())
                    .isNotEqualTo(-1)
                    .isLessThan(500);
        }
    }

    @Test
    void doesNotUpgradeToH2cOnTheCleartextPort() {
        RawHttp.Response response = get(
                "/",
                "Upgrade: h2c\r\n",
                "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n",
                "Connection: Upgrade, HTTP2-Settings\r\n");
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void marksTheEdgesOwnAnswersNosniffAndLeavesTheSitesHeadersAlone() throws Exception {
        for (String path : List.of(
                "/_edge/health", "/_edge/nothing-here", "/_edge/admin/waf", "/actuator/health", "/actuator/env")) {
            RawHttp.Response response = get(path);
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Server")).as(path).isNull();
        }
        RawHttp.Response page = get("/about/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(page.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'self'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(page.header("Server")).isNull();
        waf("{\"properties\":{\"policySettings\":{\"enabledState\":\"Enabled\",\"mode\":\"Prevention\"}}}");
        RawHttp.Response blocked = get("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Accept: text/html\r\n");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.header("Content-Type")).startsWith("text/html");
        assertThat(blocked.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(blocked.header("Server")).isNull();
    }

    /**
     * Random hostile requests (see {@link HostileInputs}) through the running gateway with the
     * whole Default Rule Set on: never a 5xx (the origin is up), never a hang. Half are sent as a
     * well-formed client would encode them, half as raw bytes on the socket.
     */
    @Test
    void randomHostileRequestsThroughTheWafNeverGet500NorHang() throws Exception {
        waf("""
				{"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention"},
				 "managedRules":{"managedRuleSets":[{"ruleSetType":"Microsoft_DefaultRuleSet","ruleSetVersion":"2.1","ruleSetAction":"Block"},
				   {"ruleSetType":"Microsoft_BotManagerRuleSet","ruleSetVersion":"1.0"}]}}}""");
        long seed = HostileInputs.seed();
        int count = HostileInputs.count("fuzz.gateway.requests", 300);
        HostileInputs inputs = new HostileInputs(seed);
        Random random = inputs.random();
        String[] types = {
            "application/x-www-form-urlencoded",
            "application/json",
            "text/plain",
            "multipart/form-data; boundary=b",
            "application/xml",
            "application/merge-patch+json"
        };
        String[] paths = {"/", "/about/", "/_api/accounts", "/_edge/admin/waf", "/_edge/x", "/actuator/env", "/search"};
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < count; i++) {
            String path = paths[random.nextInt(paths.length)];
            String name = inputs.next(24);
            String value = inputs.next(i % 10 == 0 ? 4000 : 200);
            String body = i % 4 == 0 ? inputs.nestedJson(1 + random.nextInt(2000)) : inputs.next(1000);
            String type = types[random.nextInt(types.length)];
            String header =
                    inputs.next(100).replaceAll("[\\x00-\\x1f\\x7f]", "").replaceAll("[^\\x20-\\x7e]", "?");
            String target = path + "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8);
            String head = (random.nextBoolean() ? "POST " : "PUT ")
                    + (i % 2 == 0 ? target : path + "?" + name.replace(' ', '+') + "=" + value)
                    + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nX-Fuzz: " + header
                    + "\r\nCookie: s=" + header
                    + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\nConnection: close\r\n\r\n";
            byte[] request = (head + body).getBytes(StandardCharsets.UTF_8);
            RawHttp.Response response = RawHttp.send(port, request, HANG);
            statuses.merge(response.status(), 1, Integer::sum);
            slowest = Math.max(slowest, response.millis());
            if (response.status() == -1 || response.status() >= 500) {
                findings.add(response.status() + " for " + head.substring(0, Math.min(300, head.length())) + " -> "
                        + response.body());
            }
        }
        System.out.printf(
                "Gateway fuzz: seed %d, %d hostile requests through the WAF (Full DRS), statuses %s, slowest %d ms, findings %d%n",
                seed, count, statuses, slowest, findings.size());
        assertThat(findings).as("seed %d", seed).isEmpty();
    }

    /** A chunked upload of {@code size} bytes, rounded down to whole chunks of 32 KB. */
    private RawHttp.Response chunked(int size) {
        StringBuilder head = new StringBuilder(
                "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        byte[] chunk = ("8000\r\n" + "x".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int chunks = size / 0x8000;
        byte[] last = ("0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[chunk.length * chunks + last.length];
        for (int i = 0; i < chunks; i++) {
            System.arraycopy(chunk, 0, body, i * chunk.length, chunk.length);
        }
        System.arraycopy(last, 0, body, chunks * chunk.length, last.length);
        return RawHttp.send(port, head.toString(), body, HANG);
    }

    private void waf(String patch) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_edge/admin/waf"))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))
                        .header("Content-Type", "application/merge-patch+json")
                        .header("X-Admin-Key", KEY)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
