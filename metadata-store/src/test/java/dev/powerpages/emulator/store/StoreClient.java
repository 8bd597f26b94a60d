package dev.powerpages.emulator.store;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: what curl or an app node would send, no Spring client magic. */
public final class StoreClient {

    public static final String API = "/api/data/v9.2/";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;
    private final String apiRoot;
    private final String scope;

    public StoreClient(int port) {
        this(port, "", "http://localhost:8070");
    }

    /**
     * A client of one environment.
     *
     * @param pathPrefix the environment's path prefix, e.g. {@code /fabrikam}, or "" for the default environment
     * @param resource   the resource its tokens are asked for ({@code scope=<resource>/.default})
     */
    public StoreClient(int port, String pathPrefix, String resource) {
        this.baseUrl = "http://localhost:" + port;
        this.apiRoot = baseUrl + pathPrefix;
        this.scope = resource + "/.default";
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response requestToken(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret)
                + "&scope=" + encode(scope);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/contoso/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public Response requestTokenWithBasicAuth(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/contoso/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + encode(scope))));
    }

    public String token() {
        return token("powerpages-site");
    }

    /** A token for one of the well-known development clients (all share the secret emulator-secret). */
    public String token(String clientId) {
        Response response = requestToken(clientId, "emulator-secret");
        if (response.status() != 200) {
            throw new IllegalStateException("No token: " + response.raw().body());
        }
        return response.body().get("access_token").asString();
    }

    /** GET {@code /api/data/v9.2/<pathAndQuery>}; spaces and quotes in the query are encoded here. */
    public Response get(String pathAndQuery, String token) {
        return send(authorized(pathAndQuery, token).GET());
    }

    /** GET with extra request headers given as name, value, name, value… (e.g. "Prefer", "odata.maxpagesize=2"). */
    public Response get(String pathAndQuery, String token, String... headers) {
        HttpRequest.Builder request = authorized(pathAndQuery, token).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /**
     * Follows an {@code @odata.nextLink} or {@code @odata.deltaLink}. The store writes links with its
     * public URL (http://localhost:8070); tests run on a random port, so only the part after the
     * service root is sent, as given.
     */
    public Response follow(String link, String token, String... headers) {
        int root = link.indexOf(API);
        if (root < 0) {
            throw new IllegalArgumentException("Not a Web API link: " + link);
        }
        return get(link.substring(root + API.length()), token, headers);
    }

    public Response send(String method, String pathAndQuery, String token, String jsonBody) {
        return send(authorized(pathAndQuery, token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** A write with extra request headers given as name, value, name, value… (e.g. "Prefer", "return=representation"). */
    public Response send(String method, String pathAndQuery, String token, String jsonBody, String... headers) {
        HttpRequest.Builder request = authorized(pathAndQuery, token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** POST of a raw body with its own content type (e.g. a multipart $batch). */
    public Response post(String pathAndQuery, String token, String contentType, String body) {
        return send(authorized(pathAndQuery, token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET of a path outside the Web API, e.g. the JWKS. */
    public Response getAbsolute(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response patchIfMatch(String pathAndQuery, String token, String etag, String jsonBody) {
        return send(authorized(pathAndQuery, token)
                .header("Content-Type", "application/json")
                .header("If-Match", etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    private HttpRequest.Builder authorized(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create(apiRoot + API + pathAndQuery.replace(" ", "%20").replace("'", "%27")));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() || !text.trim().startsWith("{") ? null : json.readTree(text);
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
