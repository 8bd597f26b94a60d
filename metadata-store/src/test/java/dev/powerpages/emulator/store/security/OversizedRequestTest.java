package dev.powerpages.emulator.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.powerpages.emulator.store.StoreClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Oversized requests get a clear 4xx in the Web API's error shape, not a container's HTML page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class OversizedRequestTest {

    @LocalServerPort
    int port;

    @Test
    void anOversizedUrlGetsAClear4xxInDataversesErrorShape() throws Exception {
        String token = new StoreClient(port).token();
        String filter = "name%20eq%20%27" + "x".repeat(20_000) + "%27";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + StoreClient.API + "accounts?$filter=" + filter))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(400, 431);
        JsonNode error = JsonMapper.builder().build().readTree(response.body()).get("error");
        assertThat(error.path("code").isString()).isTrue();
        assertThat(error.path("message").asString()).isNotBlank();
    }
}
