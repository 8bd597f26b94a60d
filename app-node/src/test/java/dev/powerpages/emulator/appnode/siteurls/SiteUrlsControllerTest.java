package dev.powerpages.emulator.appnode.siteurls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.site.SiteRows;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteUrlsControllerTest {

    @Test
    @SuppressWarnings("unchecked")
    void listsEveryServedPageInEachLanguageAndEveryWebFileWithWhatAnAnonymousVisitorGets() {
        SiteRows rows = SiteRows.bilingual("x");
        rows.webRole("22000000-0000-4000-8000-000000000003", "Members", false, false);
        rows.accessRule(
                "40000000-0000-4000-8000-000000000001", SiteRows.ABOUT, 2, 1, "22000000-0000-4000-8000-000000000003");
        rows.page("14000000-0000-4000-8000-000000000005", "Draft", "draft", SiteRows.HOME)
                .put("_adx_publishingstateid_value", SiteRows.DRAFT);
        rows.webFile("1a000000-0000-4000-8000-000000000001", "site.css", SiteRows.HOME, "text/css");
        rows.webFile("1a000000-0000-4000-8000-000000000002", "about.pdf", SiteRows.ABOUT, "application/pdf");
        SiteCache cache = mock(SiteCache.class);
        when(cache.current()).thenReturn(Optional.of(rows.snapshot()));

        Map<String, Object> body =
                (Map<String, Object>) new SiteUrlsController(cache).urls().getBody();

        List<Map<String, Object>> pages = (List<Map<String, Object>>) body.get("pages");
        assertThat(pages)
                .extracting(page -> page.get("url") + " " + page.get("anonymous") + " " + page.get("roles"))
                .containsExactly(
                        "/en-US/ 200 []",
                        "/en-US/about/ 302 [Members]",
                        "/fr-FR/ 200 []",
                        "/fr-FR/a-propos/ 302 [Members]");
        List<Map<String, Object>> files = (List<Map<String, Object>>) body.get("webFiles");
        assertThat(files)
                .extracting(file -> file.get("url") + " " + file.get("contentType") + " " + file.get("anonymous"))
                .containsExactly("/about/about.pdf application/pdf 302", "/site.css text/css 200");
        assertThat(body.get("languageCodesInUrls")).isEqualTo(true);
    }
}
