package dev.powerpages.emulator.trafficmanager.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The traffic manager on a random port, profiles in memory, DNS off, endpoints nobody answers: the security tests
 * share this one context. A plain HTTP client, so tests see exactly what a browser or curl would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "traffic-manager.dns.port=-1", "traffic-manager.data-dir=",
            "CONTOSO_PRIMARY_TARGET=localhost:9", "CONTOSO_SECONDARY_TARGET=localhost:9",
            "traffic-manager.dashboard.gateway-url=http://localhost:9",
                    "traffic-manager.dashboard.store-url=http://localhost:9"
        })
abstract class SecurityTestSupport {

    static final String ADMIN_KEY = "emulator-admin-key";

    @LocalServerPort
    int port;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }
}
