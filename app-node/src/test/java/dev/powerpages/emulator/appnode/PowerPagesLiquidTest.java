package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Power Pages forms of Liquid that liqp does not speak out of the box. */
class PowerPagesLiquidTest extends FakeStoreTestSupport {

    @Test
    void childTemplateFillsTheBlocksOfTheLayoutItExtends() {
        HttpResponse<String> response = http.get("/article/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("<html><head><title>Article: An article</title>")
                .contains("<aside>default sidebar</aside>", "<main><article>")
                .doesNotContain("default main", "{% block", "extends");
    }

    @Test
    void includePassesItsParametersToTheIncludedTemplateOnly() {
        assertThat(http.get("/article/").body()).contains("<div class=\"card\">An article|4|Read more|Article</div>[]");
    }

    @Test
    void editableRendersTheFieldAndSubstitutionItsContent() {
        // Power Pages' structure for every visitor; the inline editor's metadata is for content editors only.
        assertThat(http.get("/article/").body())
                .contains(
                        "<article><div class=\"xrm-editable-html xrm-attribute\"><div class=\"xrm-attribute-value\"><p>Article copy</p></div></div></article>")
                .contains("<p class=\"sub\">Article</p>")
                .contains(
                        "<p class=\"snippet\"><div class=\"xrm-editable-html xrm-attribute\"><div class=\"xrm-attribute-value\">"
                                + "<footer>&copy; Contoso Ltd</footer></div></div></p>");
    }

    @Test
    void requestValuesAreHtmlEncoded() {
        assertThat(http.get("/article/?q=%3Cscript%3Ealert(1)%3C/script%3E").body())
                .contains("<p class=\"q\">&lt;script&gt;alert(1)&lt;/script&gt;</p>")
                .doesNotContain("<script>alert");
    }

    @Test
    void errorInALayoutNamesTheLayoutAndItsLine() {
        HttpResponse<String> response = http.get("/broken-layout/");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .contains("<strong class=\"template\">Broken Layout</strong><span class=\"line\">, line 4</span>")
                .doesNotContain("at liqp.", "Exception");
    }

    @Test
    void syntaxErrorNamesTheTemplateAndLine() {
        assertThat(http.get("/broken/").body())
                .contains("<strong class=\"template\">Broken Template</strong><span class=\"line\">, line 1</span>");
    }
}
