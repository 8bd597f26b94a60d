package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Its own store, which it stops: a Dataverse outage degrades the node but the site keeps being served. */
@DirtiesContext
class StoreOutageTest extends RunningNodeTestSupport {

    @RegisterExtension
    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("site.refresh-interval", () -> "200ms");
        registry.add("store.connect-timeout", () -> "500ms");
        registry.add("node.region", () -> "westeurope");
    }

    @Test
    void healthGoesFromHealthyToDegradedWhenTheStoreStopsThenUnhealthyWithFailHealth() {
        awaitHealthy();
        String page = http.get("/about/").body();

        STORE.stop();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> health = http.get("/_services/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .contains(
                            "\"status\":\"Degraded\"",
                            "Metadata store unreachable",
                            "\"region\":\"westeurope\"",
                            "\"node\":\"westeurope-1\"");
        });
        HttpResponse<String> stale = http.get("/about/");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(page);

        http.put("/_services/chaos", "{\"failHealth\":true}", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        HttpResponse<String> unhealthy = http.get("/_services/health");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.body()).contains("\"status\":\"Unhealthy\"");
        assertThat(unhealthy.headers().firstValue("X-PP-Region")).hasValue("westeurope");
    }
}
