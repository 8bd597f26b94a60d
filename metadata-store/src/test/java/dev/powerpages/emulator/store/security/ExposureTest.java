package dev.powerpages.emulator.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the store shows without a token: health and info for probes, Prometheus metrics for
 * scrapers, nothing that reveals configuration or memory; and Web API answers carry the security
 * headers browsers rely on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class ExposureTest {

    @LocalServerPort
    int port;

    @Test
    void onlyHealthInfoAndMetricsAreExposedByTheActuator() {
        StoreClient client = new StoreClient(port);
        assertThat(client.getAbsolute("/actuator/health").status()).isEqualTo(200);
        assertThat(client.getAbsolute("/actuator/info").status()).isEqualTo(200);
        assertThat(client.getAbsolute("/actuator/prometheus").status()).isEqualTo(200);
        for (String hidden : new String[] {
            "/actuator/env",
            "/actuator/configprops",
            "/actuator/heapdump",
            "/actuator/beans",
            "/actuator/loggers",
            "/actuator/threaddump",
            "/actuator/mappings",
            "/actuator/shutdown"
        }) {
            assertThat(client.getAbsolute(hidden).status()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void webApiAnswersCarryBrowserSecurityHeaders() {
        StoreClient client = new StoreClient(port);
        StoreClient.Response rows = client.get("accounts?$top=1", client.token());
        StoreClient.Response refused = client.get("accounts?$top=1", null);
        for (StoreClient.Response response : new StoreClient.Response[] {rows, refused}) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Cache-Control")).contains("no-store");
        }
    }
}
