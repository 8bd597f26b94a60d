package dev.powerpages.emulator.gateway.support;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A client of the gateway a test started on a random port, as a visitor reaches it over the loopback. */
public final class GatewayClient {

    private GatewayClient() {}

    public static WebTestClient at(int port) {
        return builder(port).build();
    }

    public static WebTestClient at(int port, Duration responseTimeout) {
        return builder(port).responseTimeout(responseTimeout).build();
    }

    private static WebTestClient.Builder builder(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port);
    }
}
