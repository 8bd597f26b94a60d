package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** A node whose store never answered cannot serve the site: unhealthy, and pages say so with a 503. */
@TestPropertySource(
        properties = {"store.url=http://127.0.0.1:9", "store.connect-timeout=300ms", "site.refresh-interval=200ms"})
@DirtiesContext
class SiteNeverLoadedTest extends RunningNodeTestSupport {

    @Test
    void nodeIsUnhealthyAndSiteUnavailableUntilTheSiteLoads() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = http.get("/_services/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"Unhealthy\"", "could not be loaded");
        });
        HttpResponse<String> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("X-PP-Node")).hasValue("northeurope-1");
    }
}
