package dev.powerpages.emulator.appnode.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.languages.LanguageRouting;
import dev.powerpages.emulator.appnode.site.SiteRows;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

/** A site in English and French, as a visitor browses it. */
class MultilingualSiteTest {

    @Test
    void rendersTheContentPageOfTheVisitorsLanguageAtItsLanguageCodedUrl() {
        SiteHarness site =
                new SiteHarness(SiteRows.bilingual("<h1>{{ page.title }}</h1>").snapshot());

        assertThat(site.get("/fr-FR/a-propos/").body()).isEqualTo("<h1>À propos</h1>");
        assertThat(site.get("/en-US/about/").body()).isEqualTo("<h1>About us</h1>");
        assertThat(site.get("/fr-fr/").body()).isEqualTo("<h1>Bienvenue</h1>");
        // The English URL has no French page: Power Pages looks it up among French content pages only.
        assertThat(site.get("/fr-FR/about/").status()).isEqualTo(404);
    }

    @Test
    void sendsAVisitorWhoLeftTheCodeOutToThePageInTheirLanguage() {
        SiteHarness site = new SiteHarness(SiteRows.bilingual("x").snapshot());

        SiteHarness.Answer answer = site.get("/about/?tab=2");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).isEqualTo("/en-US/about/?tab=2");
        assertThat(site.get("/a-propos/", new Cookie(LanguageRouting.COOKIE, "fr-FR"))
                        .header("Location"))
                .isEqualTo("/fr-FR/a-propos/");
    }

    @Test
    void withoutCodesInUrlsTheLanguageTravelsInTheContextLanguageCodeCookie() {
        SiteRows rows = SiteRows.bilingual("<h1>{{ page.title }}</h1>");
        rows.setting("MultiLanguage/DisplayLanguageCodeInURL", "false");
        SiteHarness site = new SiteHarness(rows.snapshot());

        SiteHarness.Answer switched = site.get("/fr-FR/a-propos/");

        assertThat(switched.status()).isEqualTo(302);
        assertThat(switched.header("Location")).isEqualTo("/a-propos/");
        assertThat(switched.header("Set-Cookie"))
                .startsWith("ContextLanguageCode=fr-FR;")
                .contains("Path=/");
        assertThat(site.get("/a-propos/", new Cookie(LanguageRouting.COOKIE, "fr-FR"))
                        .body())
                .isEqualTo("<h1>À propos</h1>");
        assertThat(site.get("/about/").body()).isEqualTo("<h1>About us</h1>");
    }

    @Test
    void showsSnippetsAndLinkSetsOfTheVisitorsLanguage() {
        SiteRows rows = SiteRows.bilingual("{{ snippets['Greeting'] }}|{{ snippets['Logo'] }}|"
                + "{% for link in weblinks['Primary'].weblinks %}{{ link.name }}={{ link.url }};{% endfor %}");
        rows.snippet("Greeting", "Hello", SiteRows.ENGLISH);
        rows.snippet("Greeting", "Bonjour", SiteRows.FRENCH);
        rows.snippet("Logo", "<img src=\"/logo.png\">", null);
        rows.add(
                "adx_weblinksets",
                "adx_weblinksetid",
                "18000000-0000-4000-8000-000000000001",
                "adx_name",
                "Primary",
                "_adx_websitelanguageid_value",
                SiteRows.ENGLISH);
        rows.add(
                "adx_weblinksets",
                "adx_weblinksetid",
                "18000000-0000-4000-8000-000000000002",
                "adx_name",
                "Primary",
                "_adx_websitelanguageid_value",
                SiteRows.FRENCH);
        rows.add(
                "adx_weblinks",
                "adx_weblinkid",
                "19000000-0000-4000-8000-000000000001",
                "adx_name",
                "About",
                "_adx_weblinksetid_value",
                "18000000-0000-4000-8000-000000000001",
                "_adx_pageid_value",
                SiteRows.ABOUT);
        rows.add(
                "adx_weblinks",
                "adx_weblinkid",
                "19000000-0000-4000-8000-000000000002",
                "adx_name",
                "À propos",
                "_adx_weblinksetid_value",
                "18000000-0000-4000-8000-000000000002",
                "_adx_pageid_value",
                SiteRows.ABOUT);
        SiteHarness site = new SiteHarness(rows.snapshot());

        assertThat(site.get("/en-US/").body()).isEqualTo("Hello|<img src=\"/logo.png\">|About=/en-US/about/;");
        assertThat(site.get("/fr-FR/").body()).isEqualTo("Bonjour|<img src=\"/logo.png\">|À propos=/fr-FR/a-propos/;");
    }

    @Test
    void languagesDropdownLinksToThePageInEachOfItsLanguages() {
        SiteHarness site = new SiteHarness(
                SiteRows.bilingual("{% if website.languages.size > 1 %}{{ website.selected_language.name }}"
                                + "{% include 'Languages Dropdown' %}{% endif %}")
                        .snapshot());

        String body = site.get("/fr-FR/a-propos/?x=1").body();

        assertThat(body)
                .startsWith("français<ul class=\"dropdown-menu\"")
                .contains("href=\"/en-US/about/?x=1\" title=\"English\" data-code=\"en-US\">English</a>")
                // (how the escape filter writes non-ASCII letters is the filter's business)
                .contains("href=\"/fr-FR/a-propos/?x=1\" title=\"fran")
                .contains("data-code=\"fr-FR\">");
    }

    @Test
    void signInAndOutUrlsCarryTheLanguageCodeAndTheCurrentPage() {
        SiteHarness site = new SiteHarness(SiteRows.bilingual(
                        "{{ website.sign_in_url }} {{ website.sign_out_url_substitution }} {{ language.code }} {{ language.url }}")
                .snapshot());

        assertThat(site.get("/fr-FR/a-propos/").body())
                .isEqualTo(
                        "/fr-FR/SignIn?returnUrl=%2Ffr-FR%2Fa-propos%2F /fr-FR/Account/Login/LogOff?returnUrl=%2Ffr-FR%2Fa-propos%2F fr-FR fr-FR/a-propos/");
    }

    @Test
    void thePageNotFoundPageIsShownInTheVisitorsLanguage() {
        SiteRows rows = SiteRows.bilingual("<h1>{{ page.title }}</h1>");
        rows.page("14000000-0000-4000-8000-000000000009", "Page Not Found", "page-not-found", SiteRows.HOME);
        rows.contentPage(
                "14000000-0000-4000-8000-0000000000f9",
                "14000000-0000-4000-8000-000000000009",
                SiteRows.FRENCH,
                "Page introuvable",
                "page-not-found",
                SiteRows.HOME);
        rows.siteMarker("Page Not Found", "14000000-0000-4000-8000-000000000009");
        SiteHarness site = new SiteHarness(rows.snapshot());

        SiteHarness.Answer answer = site.get("/fr-FR/nowhere/");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("<h1>Page introuvable</h1>");
    }
}
