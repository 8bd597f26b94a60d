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

        // A full reload of the fake's site takes about 2.5 s on a quiet 2-core machine (measured: 1.6-2.9 s from the
        // edit to the page, with either transport of the fake store), longer with other contexts' schedulers beside it.
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/").body().contains("<footer>Reloaded</footer>"));
        assertThat(STORE.deltaReads()).isZero();
    }
}
