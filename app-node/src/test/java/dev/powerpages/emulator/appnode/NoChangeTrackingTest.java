package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A store without change tracking (no deltaLink in its answers): the node falls back to periodic full reloads. */
@DirtiesContext
class NoChangeTrackingTest extends RunningNodeTestSupport {

    @RegisterExtension
    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    static {
        STORE.changeTracking(false);
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("site.change-poll-interval", () -> "100ms");
        registry.add("site.refresh-interval", () -> "500ms");
    }

    @Test
    void editsShowAfterTheNextFullReload() {
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/").statusCode() == 200);

        STORE.update("adx_contentsnippets", "adx_name", "Footer Text", "adx_value", "<footer>Reloaded</footer>");

        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/").body().contains("<footer>Reloaded</footer>"));
        assertThat(STORE.deltaReads()).isZero();
    }
}
