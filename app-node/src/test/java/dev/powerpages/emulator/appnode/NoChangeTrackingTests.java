package dev.powerpages.emulator.appnode;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A store without change tracking (no deltaLink in its answers): the node falls back to periodic full reloads. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class NoChangeTrackingTests {

    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    static {
        STORE.changeTracking(false);
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("site.change-poll-interval", () -> "100ms");
        registry.add("site.refresh-interval", () -> "500ms");
    }

    @AfterAll
    static void stopStore() {
        STORE.stop();
    }

    @Test
    void editsShowAfterTheNextFullReload() {
        NodeHttp http = new NodeHttp(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/").statusCode() == 200);

        STORE.update("adx_contentsnippets", "adx_name", "Footer Text", "adx_value", "<footer>Reloaded</footer>");

        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/").body().contains("<footer>Reloaded</footer>"));
        assertThat(STORE.deltaReads()).isZero();
    }
}
