package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Its own store, which it edits: a snippet changed in the store shows on the page within the poll bound, found
 * through the delta links, without reloading the site on a timer.
 */
@DirtiesContext
class ChangeTrackingTest extends RunningNodeTestSupport {

    @RegisterExtension
    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("site.change-poll-interval", () -> "200ms");
        // Long: only change tracking can explain a quick update.
        registry.add("site.refresh-interval", () -> "10m");
    }

    @Test
    void editedSnippetChangesThePageWithinThePollBoundThroughDeltaLinks() {
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/").body().contains("&copy; Contoso Ltd"));
        int pageReadsBefore = STORE.collectionReads("adx_webpages");
        assertThat(STORE.deltaReads()).as("delta links are polled").isPositive();

        STORE.update(
                "adx_contentsnippets", "adx_name", "Footer Text", "adx_value", "<footer>Edited in the store</footer>");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/").body().contains("<footer>Edited in the store</footer>"));
        // The delta's changed row is applied to the rows the node holds: no table is read again.
        assertThat(STORE.collectionReads("adx_webpages") - pageReadsBefore).isZero();
    }

    @Test
    void refusedDeltaLinkStartsOverWithAFullLoad() {
        awaitHealthy();

        STORE.forgetDeltaTokens();
        STORE.update(
                "adx_webpages",
                "adx_webpageid",
                FakeMetadataStore.ABOUT,
                "adx_title",
                "About us, after a store restart");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/about/").body().contains("<h1>About us, after a store restart</h1>"));
        assertThat(http.get("/_services/health").body()).contains("\"Healthy\"");
    }

    @Test
    void deletedPageDisappearsThroughADeletedEntityRow() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/about/team/").statusCode() == 200);

        STORE.delete("adx_webpages", "adx_webpageid", FakeMetadataStore.TEAM);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/about/team/").statusCode() == 404);
    }
}
