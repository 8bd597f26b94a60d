package dev.powerpages.emulator.appnode.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the loader makes of a site's rows: languages, content pages, web files, what is never served. */
class SiteModelTest {

    static final String ABOUT = SiteRows.ABOUT;

    static SiteRows bilingual() {
        return SiteRows.bilingual("{{ page.title }}");
    }

    @Test
    void findsTheContentPageOfTheVisitorsLanguageAtItsOwnUrl() {
        SiteSnapshot site = bilingual().snapshot();
        WebsiteLanguage english = site.languages().byCode("en-US").orElseThrow();
        WebsiteLanguage french = site.languages().byCode("FR-fr").orElseThrow();

        assertThat(site.pages().find("/about/", english))
                .get()
                .extracting(WebPage::title)
                .isEqualTo("About us");
        assertThat(site.pages().find("/a-propos/", french))
                .get()
                .extracting(WebPage::title)
                .isEqualTo("À propos");
        // Power Pages looks a URL up among the content pages of the visitor's language only.
        assertThat(site.pages().find("/about/", french)).isEmpty();
        assertThat(site.pages().find("/", french))
                .get()
                .extracting(WebPage::title)
                .isEqualTo("Bienvenue");
        assertThat(french.displayName()).isEqualTo("français");
    }

    @Test
    void aContentPageWithoutAPartialUrlOfItsOwnIsAtItsRootPagesUrl() {
        SiteRows rows = bilingual();
        rows.row("14000000-0000-4000-8000-0000000000f2").putNull("adx_partialurl");
        SiteSnapshot site = rows.snapshot();

        assertThat(site.pages().find("/about/", site.languages().byCode("fr-FR").orElseThrow()))
                .get()
                .extracting(WebPage::title)
                .isEqualTo("À propos");
    }

    @Test
    void putsLanguageCodesIntoUrlsAsTheSiteSettingSaysElseWhenSeveralLanguagesArePublished() {
        assertThat(bilingual().snapshot().languages().codesInUrl()).isTrue();

        SiteRows off = bilingual();
        off.setting("MultiLanguage/DisplayLanguageCodeInURL", "False");
        assertThat(off.snapshot().languages().codesInUrl()).isFalse();

        SiteRows oneLanguage = SiteRows.contoso("x");
        oneLanguage.language(SiteRows.ENGLISH, "English", "en-US", 1033, "English");
        assertThat(oneLanguage.snapshot().languages().codesInUrl()).isFalse();
        assertThat(oneLanguage.snapshot().languages().multilingual()).isTrue();
    }

    @Test
    void aContentPageWhoseRootIsDeactivatedIsNotServed() {
        SiteRows rows = bilingual();
        rows.row(ABOUT).put("statecode", 1);
        SiteSnapshot site = rows.snapshot();

        assertThat(site.pages().find("/about/", site.languages().byCode("en-US").orElseThrow()))
                .isEmpty();
    }

    @Test
    void servesTheWebFileDataverseListsFirstWhereSeveralActiveRowsClaimOneUrl() {
        SiteRows rows = SiteRows.contoso("x");
        // SQL Server orders uniqueidentifiers from the last group: ...-82e6-6045bd0ea8e5 before ...-9562-6045bd0ea8e5.
        rows.webFile("7af35c54-f355-ed11-9562-6045bd0ea8e5", "theme.css", SiteRows.HOME, "text/css");
        rows.webFile("8095f6c8-a102-ed11-82e6-6045bd0ea8e5", "theme.css", SiteRows.HOME, "text/css");
        rows.webFile("11111111-0000-0000-0000-000000000001", "logo.png", SiteRows.HOME, "image/png")
                .put("statecode", 1);

        SiteSnapshot site = rows.snapshot();

        assertThat(site.webFileByUrl("/theme.css"))
                .get()
                .extracting(WebFile::id)
                .isEqualTo("8095f6c8-a102-ed11-82e6-6045bd0ea8e5");
        assertThat(site.webFileByUrl("/logo.png")).isEmpty();
    }

    @Test
    void neverServesDeactivatedOrHiddenRows() {
        SiteRows rows = SiteRows.contoso("x");
        rows.page("14000000-0000-4000-8000-000000000003", "Old", "old", SiteRows.HOME)
                .put("statecode", 1);
        rows.page("14000000-0000-4000-8000-000000000004", "Draft", "draft", SiteRows.HOME)
                .put("_adx_publishingstateid_value", SiteRows.DRAFT);
        rows.page(
                "14000000-0000-4000-8000-000000000005", "Under draft", "below", "14000000-0000-4000-8000-000000000004");
        rows.snippet("Greeting", "old value", null).put("statecode", 1);
        rows.snippet("Greeting", "current value", null);
        rows.add("adx_weblinksets", "adx_weblinksetid", "18000000-0000-4000-8000-000000000001", "adx_name", "Nav");
        rows.add(
                "adx_weblinks",
                "adx_weblinkid",
                "19000000-0000-4000-8000-000000000001",
                "adx_name",
                "Gone",
                "_adx_weblinksetid_value",
                "18000000-0000-4000-8000-000000000001",
                "adx_externalurl",
                "https://example.com",
                "statecode",
                1);
        rows.add(
                "adx_weblinks",
                "adx_weblinkid",
                "19000000-0000-4000-8000-000000000002",
                "adx_name",
                "To draft",
                "_adx_weblinksetid_value",
                "18000000-0000-4000-8000-000000000001",
                "_adx_pageid_value",
                "14000000-0000-4000-8000-000000000004");

        SiteSnapshot site = rows.snapshot();

        assertThat(site.pages().find("/old/", null)).isEmpty();
        assertThat(site.pages().find("/draft/", null)).isEmpty();
        assertThat(site.pages().find("/draft/below/", null)).isEmpty();
        assertThat(site.snippets()).containsEntry("Greeting", "current value");
        assertThat(site.webLinkSets().get("nav").links()).isEmpty();
    }

    @Test
    void readsASiteKeptInTheEnhancedDataModelThroughItsMsppTables() {
        JsonMapper json = JsonMapper.builder().build();
        InMemoryRows rows = new InMemoryRows();
        for (String set : java.util.List.of(
                "adx_websites",
                "mspp_publishingstates",
                "mspp_contentsnippets",
                "mspp_sitesettings",
                "mspp_sitemarkers",
                "mspp_weblinks",
                "mspp_weblinksets",
                "mspp_webfiles")) {
            rows.add(set, null);
        }
        rows.add(
                "mspp_websites",
                json.readTree("{\"mspp_websiteid\":\"w-1\",\"mspp_name\":\"Enhanced\",\"statecode\":0}"));
        rows.add(
                "mspp_webtemplates",
                json.readTree(
                        "{\"mspp_webtemplateid\":\"t-1\",\"mspp_name\":\"Page\",\"mspp_source\":\"<h1>{{ page.title }}</h1>\"}"));
        rows.add(
                "mspp_pagetemplates",
                json.readTree("{\"mspp_pagetemplateid\":\"pt-1\",\"mspp_name\":\"Page\",\"mspp_type\":756150001,"
                        + "\"_mspp_webtemplateid_value\":\"t-1\",\"mspp_usewebsiteheaderandfooter\":false}"));
        rows.add(
                "mspp_webpages",
                json.readTree(
                        "{\"mspp_webpageid\":\"p-1\",\"mspp_name\":\"Home\",\"mspp_title\":\"Home in mspp\","
                                + "\"mspp_partialurl\":\"/\",\"_mspp_pagetemplateid_value\":\"pt-1\",\"_mspp_websiteid_value\":\"w-1\",\"statecode\":0}"));
        rows.add(
                "mspp_webfiles",
                json.readTree("{\"mspp_webfileid\":\"f-1\",\"mspp_name\":\"site.css\",\"mspp_partialurl\":\"site.css\","
                        + "\"_mspp_parentpageid_value\":\"p-1\",\"modifiedon\":\"2024-01-01T00:00:00Z\"}"));

        SiteSnapshot site = SiteRows.loader().assemble(rows);

        assertThat(site.enhancedDataModel()).isTrue();
        assertThat(site.websiteName()).isEqualTo("Enhanced");
        assertThat(site.pages().find("/", null))
                .get()
                .extracting(WebPage::title)
                .isEqualTo("Home in mspp");
        assertThat(site.webFileByUrl("/site.css")).get().satisfies(file -> {
            assertThat(file.mimeType()).isEqualTo("text/css");
            assertThat(file.content()).isEqualTo(WebFile.Content.COMPONENT_FILE);
        });
    }
}
