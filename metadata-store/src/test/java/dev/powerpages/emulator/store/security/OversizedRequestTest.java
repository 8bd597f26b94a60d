package dev.powerpages.emulator.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + StoreClient.API + "accounts?$filter=" + filter))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(400, 431);
        JsonNode error = JsonMapper.builder().build().readTree(response.body()).get("error");
        assertThat(error.path("code").isString()).isTrue();
        assertThat(error.path("message").asString()).isNotBlank();
    }

    @Test
    void headersBeyondTomcatsCeilingGetTheWebApisErrorBodyWithoutNamingTheServer() throws Exception {
        // Over server.max-http-request-header-size: Tomcat refuses before Spring sees the request.
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + StoreClient.API + "accounts HTTP/1.1\r\nHost: localhost\r\nX-Huge: "
                            + "x".repeat(70_000) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer)
                    .startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("Content-Type: application/json")
                    .contains("OData-Version: 4.0")
                    .contains("{\"error\":{\"code\":\"0x80060888\",\"message\":\"The request was rejected by the server"
                            + " (HTTP 400): its URL or headers are malformed or longer than the server accepts.\"}}")
                    .doesNotContainIgnoringCase("tomcat")
                    .doesNotContain("<html");
        }
    }
}
