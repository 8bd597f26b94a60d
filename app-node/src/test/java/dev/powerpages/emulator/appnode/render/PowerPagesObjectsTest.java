package dev.powerpages.emulator.appnode.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteRows;
import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Liquid objects Microsoft documents, as a page template sees them. */
class PowerPagesObjectsTest {

    static final String PRODUCTS = "14000000-0000-4000-8000-000000000030";
    static final String WIDGETS = "14000000-0000-4000-8000-000000000031";
    static final String GADGETS = "14000000-0000-4000-8000-000000000032";

    /** Home > Products > Widgets and Gadgets (Gadgets hidden from the site map), a brochure under Products. */
    static SiteRows site(String template) {
        SiteRows rows = SiteRows.contoso(template);
        rows.page(PRODUCTS, "Products", "products", SiteRows.HOME)
                .put("adx_title", "Our products")
                .put("adx_summary", "<p>All of them</p>");
        rows.page(WIDGETS, "Widgets", "widgets", PRODUCTS)
                .put("adx_displayorder", 2)
                .put("modifiedon", "2024-05-01T10:00:00Z");
        rows.page(GADGETS, "Gadgets", "gadgets", PRODUCTS).put("adx_hiddenfromsitemap", true);
        rows.webFile("1a000000-0000-4000-8000-000000000001", "brochure.pdf", PRODUCTS, "application/pdf")
                .put("adx_hiddenfromsitemap", false)
                .put("adx_displayorder", 1)
                .put("adx_title", "Brochure");
        return rows;
    }

    @Test
    void sitemapAndPageShowTheTreeAVisitorSees() {
        SiteHarness site = new SiteHarness(site("{{ sitemap.root.title }}|{{ sitemap.current.title }}|"
                        + "{% for crumb in page.breadcrumbs %}{{ crumb.title }}>{% endfor %}|{{ page.parent.url }}|"
                        + "{% for child in sitemap['/products/'].children %}{{ child.title }}={{ child.url }};{% endfor %}|"
                        + "{{ sitemap['/products/'].is_sitemap_ancestor }} {{ sitemap['/products/'].is_sitemap_current }} {{ sitemap['/nowhere/'] }}|"
                        + "{{ sitemap['/products'].description }}")
                .snapshot());

        assertThat(site.get("/products/widgets/").body())
                .isEqualTo("Welcome|Widgets|Welcome>Our products>|/products/|"
                        + "Brochure=/products/brochure.pdf;Widgets=/products/widgets/;|true false |<p>All of them</p>");
    }

    @Test
    void pageAnswersEveryColumnOfItsRowByLogicalName() {
        SiteHarness site =
                new SiteHarness(site("{{ page.adx_name }}|{{ page['adx_partialurl'] }}|{{ page.adx_parentpageid.id }}|"
                                + "{{ page.modifiedon | date: '%Y-%m-%d' }}|{{ page.ADX_NAME }}|{{ page.no_such_column }}")
                        .snapshot());

        assertThat(site.get("/products/widgets/").body())
                .isEqualTo("Widgets|widgets|" + PRODUCTS + "|2024-05-01|Widgets|");
    }

    @Test
    void webLinksCarryTheirChildLinksImagesAndFlags() {
        SiteRows rows = site(
                "{% for link in weblinks['Primary'].weblinks %}[{{ link.name }} {{ link.url }} ext={{ link.is_external }}"
                        + " new={{ link.Open_In_New_Window }} nofollow={{ link.nofollow }} current={{ link.is_sitemap_current }}"
                        + " ancestor={{ link.is_sitemap_ancestor }} img={{ link.image.url }}/{{ link.image.alternate_text }}/{{ link.image.width }}"
                        + " children={% for child in link.weblinks %}{{ child.name }}:{{ child.url }},{% endfor %}"
                        + " childpages={{ link.display_page_child_links }}]{% endfor %}|{{ weblinks['18000000-0000-4000-8000-000000000001'].title }}");
        rows.add(
                "adx_weblinksets",
                "adx_weblinksetid",
                "18000000-0000-4000-8000-000000000001",
                "adx_name",
                "Primary",
                "adx_title",
                "Main menu");
        rows.add(
                "adx_weblinks",
                "adx_weblinkid",
                "19000000-0000-4000-8000-000000000001",
                "adx_name",
                "Products",
                "adx_displayorder",
                1,
                "_adx_weblinksetid_value",
                "18000000-0000-4000-8000-000000000001",
                "_adx_pageid_value",
                PRODUCTS,
                "adx_displaypagechildlinks",
                true,
                "adx_imageurl",
                "/icons/box.png",
                "adx_imagealttext",
                "Box",
                "adx_imagewidth",
                16);
        rows.add(
                "adx_weblinks",
                "adx_weblinkid",
                "19000000-0000-4000-8000-000000000002",
                "adx_name",
                "Widgets",
                "adx_displayorder",
                1,
                "_adx_weblinksetid_value",
                "18000000-0000-4000-8000-000000000001",
                "_adx_pageid_value",
                WIDGETS,
                "_adx_parentweblinkid_value",
                "19000000-0000-4000-8000-000000000001");
        rows.add(
                "adx_weblinks",
                "adx_weblinkid",
                "19000000-0000-4000-8000-000000000003",
                "adx_name",
                "Docs",
                "adx_displayorder",
                2,
                "_adx_weblinksetid_value",
                "18000000-0000-4000-8000-000000000001",
                "adx_externalurl",
                "https://learn.microsoft.com/",
                "adx_openinnewwindow",
                true,
                "adx_robotsfollowlink",
                false);
        SiteHarness site = new SiteHarness(rows.snapshot());

        assertThat(site.get("/products/widgets/").body())
                .isEqualTo(
                        "[Products /products/ ext=false new=false nofollow=false current=false ancestor=true img=/icons/box.png/Box/16"
                                + " children=Widgets:/products/widgets/, childpages=true]"
                                + "[Docs https://learn.microsoft.com/ ext=true new=true nofollow=true current=false ancestor=false img=//"
                                + " children= childpages=false]|Main menu");
    }

    @Test
    void requestAndParamsAreHtmlEncodedAndAnswerWithoutRegardToCase() {
        SiteHarness site = new SiteHarness(
                site("{{ request.Path }}|{{ request.path_and_query }}|{{ params.q }}|{{ request.params['Q'] }}")
                        .snapshot());

        assertThat(site.get("/products/?q=%3Cb%3E").body())
                .isEqualTo("/products/|/products/?q=%3Cb%3E|&lt;b&gt;|&lt;b&gt;");
    }

    @Test
    void websiteSiteMarkersAndSettingsAnswerByName() {
        SiteRows rows = site("{{ website.name }}|{{ website.adx_name }}|{{ website.id }}|{{ website.languages.size }}|"
                + "{{ website.sign_in_url }}|{{ sitemarkers['Products'].url }}|{{ sitemarkers.Products.adx_name }}|{{ sitemarkers['Nope'] }}|"
                + "{{ settings['Search/Enabled'] }}");
        rows.siteMarker("Products", PRODUCTS);
        rows.setting("Search/Enabled", "true");
        SiteHarness site = new SiteHarness(rows.snapshot());

        assertThat(site.get("/products/widgets/?a=1").body())
                .isEqualTo("Contoso|Contoso|" + SiteRows.WEBSITE
                        + "|0|/SignIn?returnUrl=%2Fproducts%2Fwidgets%2F%3Fa%3D1|/products/|Products||true");
    }

    @Test
    void userShowsTheContactsColumnsEncodedButNeverItsPasswordHash() {
        SiteHarness site =
                new SiteHarness(site("{{ user.fullname }}|{{ user.jobtitle }}|{{ user.adx_identity_passwordhash }}|"
                                + "{{ user.parentcustomerid.id }}|{% if user.roles contains 'Members' %}member{% endif %}")
                        .snapshot());
        StoreRow contact = new StoreRow(JsonMapper.builder()
                .build()
                .readTree("{\"contactid\":\"c-1\",\"fullname\":\"Ann <b>\","
                        + "\"jobtitle\":\"Buyer & owner\",\"_parentcustomerid_value\":\"a-9\"}"));

        String body = site.get(
                        "/", new SiteUser("c-1", "ann", "Ann", "B", "Ann <b>", "ann@example.com", List.of(), contact))
                .body();

        assertThat(body).isEqualTo("Ann &lt;b&gt;|Buyer &amp; owner||a-9|");
    }
}
