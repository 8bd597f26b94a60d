package dev.powerpages.emulator.appnode.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteRows;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page templates: web template or rewrite, inside the master page with the website's header and footer or alone. */
class PageTemplateTest {

    static final String LAYOUT_TEMPLATE = "13000000-0000-4000-8000-000000000002";
    static final String HEADER = "12000000-0000-4000-8000-0000000000a1";
    static final String FOOTER = "12000000-0000-4000-8000-0000000000a2";
    static final String PAGE = "14000000-0000-4000-8000-000000000020";

    /** A website with header and footer templates, stylesheets under Home, and /styled/ using a page template with them. */
    static SiteRows site() {
        SiteRows rows = SiteRows.contoso("<main>{{ page.title }}</main>");
        rows.webTemplate(HEADER, "Site Header", "<header>{{ website.name }}</header>");
        rows.webTemplate(FOOTER, "Site Footer", "<footer>{{ snippets['Footer'] }}</footer>");
        rows.snippet("Footer", "&copy; Contoso", null);
        rows.snippet("Browser Title Suffix", " · Contoso", null);
        rows.row(SiteRows.WEBSITE)
                .put("_adx_headerwebtemplateid_value", HEADER)
                .put("_adx_footerwebtemplateid_value", FOOTER);
        rows.add(
                "adx_pagetemplates",
                "adx_pagetemplateid",
                LAYOUT_TEMPLATE,
                "adx_name",
                "Full page",
                "adx_type",
                756150001,
                "_adx_webtemplateid_value",
                SiteRows.PAGE_WEB_TEMPLATE,
                "adx_usewebsiteheaderandfooter",
                true);
        rows.page(PAGE, "Styled", "styled", SiteRows.HOME)
                .put("_adx_pagetemplateid_value", LAYOUT_TEMPLATE)
                .put("adx_title", "Styled page")
                .put("adx_customcss", ".hero { color: red; }")
                .put("adx_customjavascript", "console.log('styled');");
        rows.webFile("1a000000-0000-4000-8000-000000000001", "theme.css", SiteRows.HOME, "text/css")
                .put("adx_displayorder", 2);
        rows.webFile("1a000000-0000-4000-8000-000000000002", "portalbasictheme.css", SiteRows.HOME, "text/css")
                .put("adx_displayorder", 1);
        rows.webFile("1a000000-0000-4000-8000-000000000003", "bootstrap.min.css", SiteRows.HOME, "text/css")
                .put("adx_displayorder", 9);
        return rows;
    }

    @Test
    void wrapsThePageInTheWebsitesHeaderAndFooterWithItsOwnCssInTheHeadAndScriptAtTheEnd() {
        String body = new SiteHarness(site().snapshot()).get("/styled/").body();

        assertThat(body)
                .isEqualTo("<!DOCTYPE html><html lang=\"en-US\" data-lang=\"en-US\"><head><meta charset=\"utf-8\" />"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />"
                        + "<title>Styled page · Contoso</title>"
                        + "<link rel=\"stylesheet\" href=\"/bootstrap.min.css\" /><link rel=\"stylesheet\" href=\"/portalbasictheme.css\" />"
                        + "<link rel=\"stylesheet\" href=\"/theme.css\" /><style type=\"text/css\">.hero { color: red; }</style></head>"
                        + "<body><header>Contoso</header><main>Styled page</main><footer>&copy; Contoso</footer>"
                        + "<script type=\"text/javascript\">console.log('styled');</script></body></html>");
    }

    @Test
    void aTemplateWithoutTheWebsitesHeaderAndFooterRendersItsWebTemplateAlone() {
        assertThat(new SiteHarness(site().snapshot()).get("/").body()).isEqualTo("<main>Welcome</main>");
    }

    @Test
    void aRewritePageRendersTheRuntimesBuiltInPageOfItsName() {
        SiteRows rows = site();
        rows.add(
                "adx_pagetemplates",
                "adx_pagetemplateid",
                "13000000-0000-4000-8000-000000000003",
                "adx_name",
                "Access Denied",
                "adx_rewriteurl",
                "~/Pages/AccessDenied.aspx",
                "adx_usewebsiteheaderandfooter",
                true);
        rows.page("14000000-0000-4000-8000-000000000021", "Access Denied", "access-denied", SiteRows.HOME)
                .put("_adx_pagetemplateid_value", "13000000-0000-4000-8000-000000000003")
                .put("adx_copy", "<p>Sign in with another account.</p>");

        String body = new SiteHarness(rows.snapshot()).get("/access-denied/").body();

        assertThat(body)
                .contains(
                        "<body><header>Contoso</header><div class=\"container\"><div class=\"page-heading\"><h1>Access Denied</h1></div>"
                                + "<div class=\"page-copy\"><p>Sign in with another account.</p></div></div><footer>");
    }

    @Test
    void theProfilePageAsksAnonymousVisitorsToSignInAndShowsTheSignedInContact() {
        SiteRows rows = site();
        rows.add(
                "adx_pagetemplates",
                "adx_pagetemplateid",
                "13000000-0000-4000-8000-000000000004",
                "adx_name",
                "Profile",
                "adx_rewriteurl",
                "~/Pages/Profile.aspx",
                "adx_usewebsiteheaderandfooter",
                false);
        rows.page("14000000-0000-4000-8000-000000000022", "Profile", "profile", SiteRows.HOME)
                .put("_adx_pagetemplateid_value", "13000000-0000-4000-8000-000000000004");
        SiteHarness site = new SiteHarness(rows.snapshot());

        assertThat(site.get("/profile/").header("Location")).isEqualTo("/SignIn?returnUrl=%2Fprofile%2F");
        assertThat(site.get(
                                "/profile/",
                                new SiteUser(
                                        "c-1",
                                        "nancy",
                                        "Nancy",
                                        "Anderson",
                                        "Nancy Anderson",
                                        "nancy@example.com",
                                        List.of()))
                        .body())
                .contains("<dd>Nancy Anderson</dd>")
                .contains("<dd>nancy@example.com</dd>");
    }

    @Test
    void aRewritePageTheEmulatorDoesNotKnowShowsTheCopyAndSaysSo() {
        SiteRows rows = site();
        rows.add(
                "adx_pagetemplates",
                "adx_pagetemplateid",
                "13000000-0000-4000-8000-000000000005",
                "adx_name",
                "Forum",
                "adx_rewriteurl",
                "~/Areas/Forums/Pages/Forum.aspx",
                "adx_usewebsiteheaderandfooter",
                false);
        rows.page("14000000-0000-4000-8000-000000000023", "Forum", "forum", SiteRows.HOME)
                .put("_adx_pagetemplateid_value", "13000000-0000-4000-8000-000000000005")
                .put("adx_copy", "<p>Talk to us.</p>");

        SiteHarness.Answer answer = new SiteHarness(rows.snapshot()).get("/forum/");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body())
                .isEqualTo(
                        "<p>Talk to us.</p><!-- Power Pages Stack Emulator: page template ~/Areas/Forums/Pages/Forum.aspx is not emulated -->");
    }
}
