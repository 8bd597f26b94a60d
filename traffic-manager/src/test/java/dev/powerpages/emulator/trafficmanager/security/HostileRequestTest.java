package dev.powerpages.emulator.trafficmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Oversized and malformed requests to the traffic manager get a clear 4xx in ARM's {@code {"error":{"code","message"}}}
 * envelope (limits.* in application.yml), never a 500 or Tomcat's page, and change nothing.
 */
class HostileRequestTest extends SecurityTestSupport {

    @Test
    void aUrlOverTheLimitGets414() {
        HttpResponse<String> response = get("/api/profiles/contoso?x=" + "y".repeat(9000));
        assertThat(response.statusCode()).isEqualTo(414);
        assertError(response, "UriTooLong");
    }

    @Test
    void headersOverTheLimitGet431() {
        HttpResponse<String> response =
                get("/api/profiles", "X-Big", "x".repeat(10_000), "X-Big-Too", "y".repeat(10_000));
        assertThat(response.statusCode()).isEqualTo(431);
        assertError(response, "RequestHeaderFieldsTooLarge");
    }

    @Test
    void headersBeyondTomcatsCeilingGet400InJsonWithoutNamingTheServer() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/profiles HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "x".repeat(70_000)
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
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
    }

    @Test
    void aBodyOverTheLimitGets413AndChangesNothing() {
        String big = "{\"properties\":{\"endpointStatus\":\"Disabled\"},\"pad\":\"" + "x".repeat(300_000) + "\"}";
        HttpResponse<String> response = send(
                "PATCH",
                "/api/profiles/contoso/endpoints/northeurope",
                "application/json",
                big,
                "X-Admin-Key",
                ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(413);
        assertError(response, "RequestContentTooLarge");
        assertThat(get("/api/profiles/contoso/endpoints/northeurope").body())
                .contains("\"endpointStatus\":\"Enabled\"");
    }

    @Test
    void deeplyNestedJsonGets400() {
        String deep = "{\"properties\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        HttpResponse<String> response =
                send("PATCH", "/api/profiles/contoso", "application/json", deep, "X-Admin-Key", ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertError(response, "InvalidRequestContent");
    }

    @Test
    void malformedJsonGets400() {
        HttpResponse<String> response = send(
                "PATCH",
                "/api/profiles/contoso/endpoints/northeurope",
                "application/json",
                "{\"properties\": {",
                "X-Admin-Key",
                ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertError(response, "InvalidRequestContent");
    }

    @Test
    void aBodyThatIsNotJsonGets415() {
        HttpResponse<String> response = send(
                "PATCH",
                "/api/profiles/contoso/endpoints/northeurope",
                "text/plain",
                "endpointStatus=Disabled",
                "X-Admin-Key",
                ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(415);
        assertError(response, "UnsupportedMediaType");
    }

    private static void assertError(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"error\":{\"code\":\"" + code + "\",\"message\":\"");
    }
}
