package dev.powerpages.emulator.store.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /_services/chaos} on the whole store: an outage takes the Web API, the token endpoint and health down, and
 * clearing it brings them back. The switch's admin key and its 400 are {@code StoreChaosApiTest}'s (a web slice).
 */
class StoreOutageTest extends WebApiTestSupport {

    private static final String ADMIN_KEY = "emulator-admin-key";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void endTheOutage() throws Exception {
        chaos("DELETE", null, ADMIN_KEY);
    }

    @Test
    void duringAnOutageTheWebApiAnswers503InDataversesShapeWithRetryAfter() throws Exception {
        HttpResponse<String> switched = chaos("PUT", "{\"outage\":true}", ADMIN_KEY);
        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(json.readTree(switched.body()).get("outage").asBoolean()).isTrue();

        StoreClient.Response read = client.get("adx_webpages?$select=adx_name", token);
        assertThat(read.status()).isEqualTo(503);
        assertThat(read.header("Retry-After")).isEqualTo("10");
        assertThat(read.body().get("error").get("code").asString()).isEqualTo("0x80040216");
        assertThat(read.body().get("error").get("message").asString()).contains("unavailable");
        assertThat(read.raw().body())
                .as("code before message")
                .startsWith("{\"error\":{\"code\":\"0x80040216\",\"message\":\"The environment is unavailable");
        // an environment that is down checks no tokens: a request without one gets the same 503, not a 401
        assertThat(client.get("adx_webpages", null).status()).isEqualTo(503);

        StoreClient.Response tokenRequest = client.requestToken("powerpages-site", "emulator-secret");
        assertThat(tokenRequest.status()).isEqualTo(503);
        assertThat(tokenRequest.header("Retry-After")).isEqualTo("10");
        assertThat(tokenRequest.body().get("error").asString()).isEqualTo("temporarily_unavailable");
        assertThat(tokenRequest.body().get("error_codes").get(0).asInt()).isEqualTo(90033);

        StoreClient.Response health = client.getAbsolute("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        JsonNode shown = json.readTree(chaos("GET", null, ADMIN_KEY).body());
        assertThat(shown.get("outage").asBoolean()).isTrue();
        assertThat(shown.get("since").asString()).isNotBlank();
    }

    @Test
    void clearingTheOutageServesTheWebApiAgain() throws Exception {
        chaos("PUT", "{\"outage\":true}", ADMIN_KEY);
        assertThat(client.get("adx_webpages?$select=adx_name", token).status()).isEqualTo(503);

        HttpResponse<String> cleared = chaos("DELETE", null, ADMIN_KEY);
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(json.readTree(cleared.body()).get("outage").asBoolean()).isFalse();

        assertThat(client.get("adx_webpages?$select=adx_name", token).status()).isEqualTo(200);
        assertThat(client.requestToken("powerpages-site", "emulator-secret").status())
                .isEqualTo(200);
        assertThat(client.getAbsolute("/actuator/health").status()).isEqualTo(200);
    }

    private HttpResponse<String> chaos(String method, String body, String adminKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/_services/chaos"))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (adminKey != null) {
            request.header("X-Admin-Key", adminKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
