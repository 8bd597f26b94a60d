package dev.powerpages.emulator.appnode.liquid.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The templates the runtime provides that sites include or extend without having them. */
class RuntimeTemplatesTest {

    private static String render(String source, Map<String, String> templates) {
        return PowerPagesLiquid.renderer(new UnsupportedLiquid(), Map.of())
                .render(PowerPagesLiquid.site(source, templates), PowerPagesLiquid.page(), PowerPagesLiquid.request())
                .body();
    }

    @Test
    void aTemplateExtendingTheOneColumnLayoutFillsItsBlocks() {
        String body = render(
                "{% extends 'layout_1_column' %}{% block title %} <small>draft</small>{% endblock %}{% block main %}<p>Mine</p>{% endblock %}",
                Map.of());
        assertThat(body)
                .isEqualTo(
                        "<div class=\"container\"><div class=\"page-heading\"><ul class=\"breadcrumb\"><li class=\"active\">Fuzz page</li></ul>"
                                + "<div class=\"page-header\"><h1>Fuzz page <small>draft</small></h1></div></div><div class=\"row\"><div class=\"col-md-12\"><p>Mine</p></div></div></div>");
    }

    @Test
    void layoutsShowThePageCopyWhereTheChildLeavesMainAndTheirAsides() {
        assertThat(render(
                        "{% extends 'layout_2_column_wide_left' %}{% block aside %}<nav>side</nav>{% endblock %}",
                        Map.of()))
                .contains(
                        "<div class=\"col-sm-8 col-lg-9 left-column\"><div class=\"xrm-editable-html xrm-attribute page-copy\">"
                                + "<div class=\"xrm-attribute-value\"><p>Copy of Fuzz page</p></div></div></div>")
                .contains("<div class=\"col-sm-4 col-lg-3 right-column\"><nav>side</nav></div>");
        assertThat(render(
                        "{% extends 'layout_3_column_wide_middle' %}{% block left_aside %}L{% endblock %}{% block right_aside %}R{% endblock %}",
                        Map.of()))
                .contains(
                        "<div class=\"col-md-3 left-column\">L</div><div class=\"col-md-6 middle-column\">",
                        "<div class=\"col-md-3 right-column\">R</div>");
    }

    @Test
    void pageHeaderAndBreadcrumbsCanBeIncludedAndASitesOwnTemplateWins() {
        assertThat(render("{% include 'page_header' %}{% include 'breadcrumbs' %}", Map.of()))
                .isEqualTo(
                        "<div class=\"page-header\"><h1>Fuzz page</h1></div><ul class=\"breadcrumb\"><li class=\"active\">Fuzz page</li></ul>");
        assertThat(render("{% include 'Page_Header' %}", Map.of("page_header", "<h1>own</h1>")))
                .isEqualTo("<h1>own</h1>");
    }
}
