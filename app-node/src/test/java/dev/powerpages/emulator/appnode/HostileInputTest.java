package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input over HTTP (issue 10): what a visitor controls is rendered as text, and requests beyond the node's
 * limits (limits.* in application.yml) get a clear 4xx in the error shape of the path's API — Dataverse's for
 * {@code /_api}, the node's {@code {"error":{"code","message"}}} for {@code /_services} — never a 500 or Tomcat's page.
 */
class HostileInputTest extends FakeStoreTestSupport {

    private static final String XSS = "<script>alert(1)</script>";
    private static final String XSS_QUERY = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void requestValuesAVisitorSendsAreRenderedAsTextNotMarkup() {
        HttpResponse<String> response = http.get("/echo/?q=" + XSS_QUERY + "&name=%27onmouseover%3D%27alert(1)");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("<p class=\"params\">&lt;script&gt;alert(1)&lt;/script&gt;</p>")
                .contains("<a class=\"named\" title='&#39;onmouseover=&#39;alert(1)'>")
                .doesNotContain("<script>", "'onmouseover='");
        assertThat(response.body().replaceAll("<(/?)(p|a)( class=\"[a-z]+\"| class=\"named\" title='[^']*')?>", ""))
                .as("no markup but the template's own")
                .doesNotContain("<", ">");
    }

    @Test
    void aPathAVisitorInventsIsRenderedAsTextOnTheNotFoundPage() {
        HttpResponse<String> response = http.get("/%3Cimg%20src=x%20onerror=alert(1)%3E/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Sorry, this page does not exist").doesNotContain("<img src=x");
    }

    @Test
    void aHostileRecordStoredThroughTheWebApiComesBackAsJsonThatBrowsersWillNotSniff() {
        HttpResponse<String> created = http.post("/_api/contacts", "{\"fullname\":\"" + XSS + "\"}", http.apiToken());
        assertThat(created.statusCode()).isEqualTo(204);

        HttpResponse<String> read = http.get("/_api/contacts?$select=fullname");
        assertThat(read.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(read.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aUrlOverTheLimitGets414() {
        String path = "/_api/accounts?$filter=" + "x".repeat(9000);
        HttpResponse<String> response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(414);
        assertDataverseError(response, "0x80060888");
        assertThat(http.get("/about/?q=" + "x".repeat(9000)).statusCode()).isEqualTo(414);
    }

    @Test
    void headersOverTheLimitGet431() {
        HttpResponse<String> response =
                http.get("/_services/health", "X-Big", "x".repeat(10_000), "X-Big-Too", "y".repeat(10_000));

        assertThat(response.statusCode()).isEqualTo(431);
        assertNodeError(response, "RequestHeaderFieldsTooLarge");
    }

    @Test
    void headersBeyondTomcatsCeilingGetTomcats400InJsonWithoutNamingTheServer() throws IOException {
        // Over server.max-http-request-header-size (64 KB): Tomcat refuses before any filter runs.
        String answer = raw("GET /_services/health HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "x".repeat(70_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .contains("application/json")
                .contains("X-Content-Type-Options: nosniff")
                .contains(
                        "{\"error\":{\"code\":\"RequestRejected\",\"message\":\"The request was rejected by the server (HTTP 400): "
                                + "its URL or headers are malformed or longer than the server accepts.\"}}")
                .doesNotContainIgnoringCase("tomcat")
                .doesNotContain("<html");
    }

    @Test
    void aBodyOverTheLimitGets413OnTheChaosEndpointAndTheWebApi() {
        String big = "{\"latencyMs\":1,\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> chaos = http.put("/_services/chaos", big, "X-Admin-Key", NodeHttp.ADMIN_KEY);
        assertThat(chaos.statusCode()).isEqualTo(413);
        assertNodeError(chaos, "PayloadTooLarge");

        HttpResponse<String> api = http.post("/_api/contacts", big);
        assertThat(api.statusCode()).isEqualTo(413);
        assertDataverseError(api, "0x80060888");
    }

    @Test
    void aChunkedBodyOverTheLimitGets413Too() throws Exception {
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        // A publisher of unknown length: the client sends Transfer-Encoding: chunked, no Content-Length.
        HttpRequest.BodyPublisher chunked =
                HttpRequest.BodyPublishers.fromPublisher(subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                    int sent;

                    @Override
                    public void request(long n) {
                        for (long i = 0; i < n && sent < 20; i++, sent++) {
                            subscriber.onNext(java.nio.ByteBuffer.wrap(chunk));
                        }
                        if (sent >= 20) {
                            subscriber.onComplete();
                        }
                    }

                    @Override
                    public void cancel() {}
                }));
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_api/contacts"))
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .POST(chunked)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertDataverseError(response, "0x80060888");
    }

    @Test
    void deeplyNestedJsonGets400InEachApisShape() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        HttpResponse<String> api = http.post("/_api/contacts", "{\"fullname\":" + deep + "}");
        assertThat(api.statusCode()).isEqualTo(400);
        assertDataverseError(api, "0x80048d19");

        HttpResponse<String> chaos =
                http.put("/_services/chaos", "{\"latencyMs\":" + deep + "}", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        assertThat(chaos.statusCode()).isEqualTo(400);
        assertNodeError(chaos, "BadRequest");
    }

    @Test
    void malformedJsonGets400InEachApisShape() {
        HttpResponse<String> api = http.post("/_api/contacts", "{\"fullname\": \"Ada\"", http.apiToken());
        assertThat(api.statusCode()).isEqualTo(400);
        assertDataverseError(api, "9004010A"); // UnexpectedError, as the portals Web API answers a body it cannot read

        HttpResponse<String> chaos =
                http.put("/_services/chaos", "{\"latencyMs\": ", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        assertThat(chaos.statusCode()).isEqualTo(400);
        assertNodeError(chaos, "BadRequest");
        assertThat(http.get("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .body())
                .contains("\"latencyMs\":0");
    }

    @Test
    void aBodyThatIsNotJsonGets415() {
        HttpResponse<String> api = send("POST", "/_api/contacts", "text/plain", "fullname=Ada");
        assertThat(api.statusCode()).isEqualTo(415);
        assertDataverseError(api, "0x80048d19");

        HttpResponse<String> chaos = send("PUT", "/_services/chaos", "text/plain", "latencyMs=5");
        assertThat(chaos.statusCode()).isEqualTo(415);
        assertNodeError(chaos, "UnsupportedMediaType");
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .timeout(Duration.ofSeconds(20))
                                    .header("Content-Type", contentType)
                                    .header("X-Admin-Key", NodeHttp.ADMIN_KEY)
                                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A request written by hand, for what an HTTP client library would refuse to send. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private void assertDataverseError(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = json.readTree(response.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
    }

    private void assertNodeError(HttpResponse<String> response, String code) {
        assertDataverseError(response, code);
    }
}
