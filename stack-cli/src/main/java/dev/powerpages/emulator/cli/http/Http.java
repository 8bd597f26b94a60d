package dev.powerpages.emulator.cli.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JDK's HTTP client as the commands use it: redirects are not followed (a sign-in redirect is an answer to
 * classify), every request has a time limit, and a failure to connect is an {@link HttpException} naming the URL.
 */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration requestTimeout;

    public Http(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.requestTimeout = requestTimeout;
    }

    public Http() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** One answer: its status, headers and body (read whole; pages and web files are small enough). */
    public record Response(URI uri, int status, HttpResponse<byte[]> raw) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public byte[] bytes() {
            return raw.body();
        }

        public String text() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (RuntimeException e) {
                throw new HttpException(uri + " did not answer JSON (status " + status + "): " + excerpt(text()), e);
            }
        }
    }

    public Response get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(uri, response.statusCode(), response);
        } catch (IOException e) {
            throw new HttpException(
                    "GET " + uri + " failed: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpException("GET " + uri + " was interrupted", e);
        }
    }

    public Response get(URI uri) {
        return get(uri, Map.of());
    }

    /** A JSON document answered with 200, else an {@link HttpException} with the status and the answer's start. */
    public JsonNode getJson(URI uri, Map<String, String> headers) {
        Response response = get(uri, headers);
        if (response.status() != 200) {
            throw new HttpException("GET " + uri + " answered " + response.status() + ": " + excerpt(response.text()));
        }
        return response.json();
    }

    static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
