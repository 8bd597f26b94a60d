package dev.powerpages.emulator.appnode.siteurls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.render.SiteHarness;
import dev.powerpages.emulator.appnode.site.InMemoryRows;
import dev.powerpages.emulator.appnode.site.SiteRows;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.sitefolder.FixtureSites;
import dev.powerpages.emulator.sitefolder.SiteFolderReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * site-folder's fixture sites (the standard layout, a code site's enhanced layout, an unpacked solution) served whole:
 * every URL {@code /_services/site/urls} lists answers what it promises an anonymous visitor.
 */
class FixtureSitesRenderingTest {

    static SiteSnapshot snapshot(String fixture) {
        return SiteRows.loader().assemble(InMemoryRows.of(SiteFolderReader.read(FixtureSites.path(fixture))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> urls(SiteSnapshot site) {
        SiteCache cache = mock(SiteCache.class);
        when(cache.current()).thenReturn(Optional.of(site));
        return (Map<String, Object>) new SiteUrlsController(cache).urls().getBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard-full", "enhanced-yaml", "solution-xml"})
    @SuppressWarnings("unchecked")
    void everyListedUrlAnswersWhatTheListPromisesAnAnonymousVisitor(String fixture) {
        SiteSnapshot site = snapshot(fixture);
        SiteHarness harness = SiteHarness.withPowerPagesLiquid(site);
        Map<String, Object> urls = urls(site);
        List<Map<String, Object>> pages = (List<Map<String, Object>>) urls.get("pages");
        List<Map<String, Object>> files = (List<Map<String, Object>>) urls.get("webFiles");

        assertThat(pages).isNotEmpty();
        for (Map<String, Object> page : pages) {
            SiteHarness.Answer answer = harness.get((String) page.get("url"));
            assertThat(answer.status())
                    .as(fixture + " " + page.get("url") + ": " + answer.body())
                    .isEqualTo(page.get("anonymous"));
            // A complete site: every include names a template of the folder or one the runtime provides ('entity_list'
            // is the lists feature's, which needs a store and is not in this harness: ListTest covers it).
            assertThat(answer.body())
                    .as(fixture + " " + page.get("url"))
                    .doesNotContainPattern("Template \"(?!entity_list\")[^\"]*\" not found\\.");
        }
        for (Map<String, Object> file : files) {
            assertThat(harness.get((String) file.get("url")).status())
                    .as(fixture + " " + file.get("url"))
                    .isEqualTo(file.get("anonymous"));
        }
        assertThat(harness.get("/no-such-page/").status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStandardFixtureIsServedInEnglishAndJapaneseWithItsRulesAndRedirects() {
        SiteSnapshot site = snapshot("standard-full");
        SiteHarness harness = SiteHarness.withPowerPagesLiquid(site);

        assertThat((List<Map<String, Object>>) urls(site).get("pages"))
                .extracting(page -> (String) page.get("url"))
                .anyMatch(url -> url.startsWith("/en-US/"))
                .anyMatch(url -> url.startsWith("/ja-JP/"));
        assertThat(harness.get("/about/").header("Location")).isEqualTo("/en-US/about/");
        assertThat(harness.get("/old-about")).satisfies(answer -> {
            assertThat(answer.status()).isEqualTo(301);
            assertThat(answer.header("Location")).isEqualTo("/en-US/about/");
        });
        // A former URL matches as written (~/about-us), without the slash.
        assertThat(harness.get("/about-us").header("Location")).isEqualTo("/en-US/about/");
    }

    @Test
    void theEnhancedFixtureIsReadThroughItsMsppRows() {
        assertThat(snapshot("enhanced-yaml").enhancedDataModel()).isTrue();
        assertThat(snapshot("standard-full").enhancedDataModel()).isFalse();
    }
}
