package dev.powerpages.emulator.appnode.liquid.tags;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.render.RenderedPage;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' general tags ("Template tags", "Dataverse Liquid tags", "Understand Liquid operators"). */
class GeneralTagsTest {

    private static String renderWith(String source, Map<String, String> templates) {
        return PowerPagesLiquid.renderer(new UnsupportedLiquid(), Map.of())
                .render(PowerPagesLiquid.site(source, templates), PowerPagesLiquid.page(), PowerPagesLiquid.request())
                .body();
    }

    @Test
    void includePassesNamedParametersWithOrWithoutCommas() {
        assertThat(
                        render(
                                "{% include 'Card' a:1, b:page.title %}|{% include 'Card' a: 'x' b: snippets['Footer'] %}|{% include \"card\" %}"))
                .isEqualTo("<div>1|Fuzz page</div>|<div>x|<footer>&copy; Contoso</footer></div>|<div>|</div>");
    }

    @Test
    void includedTemplatesSeeTheIncludingTemplatesVariables() {
        assertThat(renderWith("{% assign who = 'Ada' %}{% include 'Hello' %}", Map.of("Hello", "Hello {{ who }}")))
                .isEqualTo("Hello Ada");
    }

    @Test
    void includeOfAMissingTemplateSaysSoInPlaceAndThePageRenders() {
        assertThat(render("a{% include 'Nowhere' %}b")).isEqualTo("aTemplate \"Nowhere\" not found.b");
    }

    @Test
    void snippetBuiltInRendersTheSnippetAsEditableWithTheIncludesParameters() {
        assertThat(render("{% include 'snippet' snippet_name:'Footer' %}"))
                .isEqualTo(
                        "<div class=\"xrm-editable-html xrm-attribute\"><div class=\"xrm-attribute-value\"><footer>&copy; Contoso</footer></div></div>");
        assertThat(render("{% include 'snippet' snippet_name: 'Greeting' label: 'Title' %}"))
                .contains(">Hello Title</div>");
        assertThat(render("[{% include 'snippet' %}]")).isEqualTo("[]");
    }

    @Test
    void editableRendersThePowerPagesStructureWithTheValueAsLiquid() {
        assertThat(render(
                        "{% editable page 'adx_copy' type: 'html', title: 'Page Copy', escape: false, liquid: true %}"))
                .isEqualTo(
                        "<div class=\"xrm-editable-html xrm-attribute\"><div class=\"xrm-attribute-value\"><p>Copy of Fuzz page</p></div></div>");
        assertThat(render("{% editable snippets 'Greeting' type: 'text', liquid: false, tag: 'span', class: 'lead' %}"))
                .isEqualTo(
                        "<span class=\"xrm-editable-text xrm-attribute lead\"><span class=\"xrm-attribute-value\">Hello {{ label | default: 'visitor' }}</span></span>");
        assertThat(render("{% editable snippets 'Footer' escape: true %}"))
                .isEqualTo(
                        "<div class=\"xrm-editable-html xrm-attribute\">"
                                + "<div class=\"xrm-attribute-value-encoded xrm-attribute-value\">&lt;footer&gt;&amp;copy; Contoso&lt;/footer&gt;</div></div>");
    }

    @Test
    void editableOfAMissingSnippetIsAnEmptyPlaceholderOrItsDefault() {
        assertThat(render("{% editable snippets 'Nope' %}"))
                .isEqualTo(
                        "<div class=\"xrm-editable-html xrm-attribute no-value\"><div class=\"xrm-attribute-value\"></div></div>");
        assertThat(render("{% editable snippets 'Nope' default: 'Soon' %}"))
                .isEqualTo(
                        "<div class=\"xrm-editable-html xrm-attribute\"><div class=\"xrm-attribute-value\">Soon</div></div>");
    }

    @Test
    void editableWithoutAKeyWritesNothingForVisitors() {
        assertThat(render("[{% assign nav = weblinks['Primary'] %}{% editable nav %}{% editable page %}]"))
                .isEqualTo("[]");
    }

    @Test
    void substitutionRendersItsContent() {
        assertThat(render("{% substitution %}{{ page.title }}{% endsubstitution %}"))
                .isEqualTo("Fuzz page");
    }

    @Test
    void whitespaceControlRawAndComment() {
        assertThat(render("a  {%- if true -%}  b  {%- endif -%}  c|{{- ' d ' -}} |"))
                .isEqualTo("abc| d |");
        assertThat(
                        render(
                                "Hello{% comment %}, {{ user.fullname }}{% endcomment %}. {% raw %}{{ user.fullname }}{% endraw %}"))
                .isEqualTo("Hello. {{ user.fullname }}");
    }

    @Test
    void elseifIsAcceptedBesideElsif() {
        String template = "{% if n == 1 %}one{% elseif n == 2 %}two{% elsif n == 3 %}three{% else %}many{% endif %}";
        assertThat(render(template, Map.of("n", 2L))).isEqualTo("two");
        assertThat(render(template, Map.of("n", 3L))).isEqualTo("three");
        assertThat(render(template, Map.of("n", 9L))).isEqualTo("many");
    }

    @Test
    void aFilterInAConditionIsIgnoredUpToTheNextAndOrOrAsDotLiquidReadsIt() {
        Map<String, Object> values = Map.of("name", "Ada", "n", 2L);
        assertThat(render(
                        "{% if name | xml_escape and n == 2 %}a{% endif %}|{% if missing | default: 'x' %}b{% else %}c{% endif %}"
                                + "|{% unless name | downcase == 'nobody' %}d{% endunless %}"
                                + "|{% if n == 3 or name\n | upcase %}e{% elsif n | plus: 1 %}f{% endif %}"
                                + "|{% if name == 'a|b' %}g{% else %}h{% endif %}",
                        values))
                .isEqualTo("a|c||e|h");
    }

    @Test
    void wordsAfterElseOrAnEndTagAreIgnoredAsDotLiquidIgnoresThem() {
        assertThat(render(
                        "{% if n == 1 %}one{% else user %}other{% endif n == 1 %}|{% for i in (1..2) %}{{ i }}{% endfor i %}"
                                + "|{% case n %}{% when 1 %}one{% else\n anything -%} none{%- endcase %}",
                        Map.of("n", 2L)))
                .isEqualTo("other|12|none");
    }

    @Test
    void anOutputPrintsItsFirstWordThroughItsFiltersAsDotLiquidReadsIt() {
        assertThat(render(
                        "{% assign val = 'x' %}{{ assign val = \"\" }}|{{ if val==true}}|{{ val=\"Checked\"}}|{{ val }}"
                                + "|{{ val extra words | upcase }}|{{- val -}}|{{ 'a b' | upcase }}|{{ -1 }}|{{ page.title | size }}"
                                + "|{{ val=\"Checked\" | default: 'none' }}",
                        Map.of()))
                .isEqualTo("|||x|X|x|A B|-1|" + render("{{ page.title | size }}") + "|none");
    }

    @Test
    void unicodeSpacesInsideMarkupAreSpacesAsInDotLiquidButNotInsideStrings() {
        assertThat(render(
                        "{% fetchxml q %}<fetch><entity name=\"account\"/></fetch>{% endfetchxml\u202f%}"
                                + "{{\u00a0'a\u00a0b' | size\u00a0}}|{%\u00a0if\u2003n == 2 %}two{% endif %}",
                        Map.of("n", 2L)))
                .isEqualTo("3|two");
    }

    @Test
    void startswithAndEndswithTestText() {
        assertThat(
                        render(
                                "{% if page.title startswith 'Fuzz' %}profile{% endif %}|{% if page.title endswith 'Forum' %}forum{% else %}not{% endif %}"
                                        + "|{% unless nothing startswith 'x' %}nil{% endunless %}|{% if 'a startswith b' == 'a startswith b' and page.title endswith \"page\" %}both{% endif %}"))
                .isEqualTo("profile|not|nil|both");
    }

    @Test
    void chartPowerBiAndCodeComponentWriteTheirContainerAndTheNotEmulatedComment() {
        UnsupportedLiquid unsupported = new UnsupportedLiquid();
        String body = render(
                "{% chart id:\"EE3C733D-5693-DE11-97D4-00155DA3B01E\" viewid:\"00000000-0000-0000-00AA-000010001006\" %}"
                        + "{% powerbi authentication_type:\"AAD\" path:\"https://app.powerbi.com/groups/g/reports/r\" %}"
                        + "{% codecomponent name:abc_SampleNamespace.MapControl controlValue:'Space Needle' %}",
                Map.of(), unsupported);
        assertThat(body)
                .contains(
                        "<div class=\"crm-chart\" data-chartid=\"ee3c733d-5693-de11-97d4-00155da3b01e\" "
                                + "data-serviceurl=\"/_services/visualizations/get-chart-builder?__portalScopeId__=w-1\" data-viewid=\"00000000-0000-0000-00aa-000010001006\"></div>")
                .contains(
                        "<div class=\"powerbi\" data-authentication-type=\"AAD\" data-path=\"https://app.powerbi.com/groups/g/reports/r\"></div>")
                .contains(
                        "<div class=\"pp-codecomponent\" data-controlvalue=\"Space Needle\" data-name=\"abc_SampleNamespace.MapControl\"></div>")
                .contains(
                        "<!-- Power Pages Stack Emulator: tag chart is not emulated -->",
                        "tag powerbi is not emulated",
                        "tag codecomponent is not emulated");
        assertThat(unsupported.uses("w-1"))
                .containsEntry("tag chart", 1L)
                .containsEntry("tag powerbi", 1L)
                .containsEntry("tag codecomponent", 1L);
    }

    @Test
    void anUnknownTagRendersAsTheNotEmulatedCommentAndThePageRenders() {
        UnsupportedLiquid unsupported = new UnsupportedLiquid();
        assertThat(render("before {% rating id: page.id %} after", Map.of(), unsupported))
                .isEqualTo("before <!-- Power Pages Stack Emulator: tag rating is not emulated --> after");
        assertThat(unsupported.uses("w-1")).containsEntry("tag rating", 1L);
    }

    @Test
    void anUnknownBlockIsReplacedWithItsContentAndEndTag() {
        UnsupportedLiquid unsupported = new UnsupportedLiquid();
        String body = render(
                "<ul>{% entityview logical_name:'contact', name:\"Active Contacts\" %}{% for r in entityview.records %}"
                        + "<li>{{ r.fullname | no_such_filter }}{% if x %}{% outputcache %}{% endif %}</li>{% endfor %}{% endentityview %}</ul>{{ page.title }}",
                Map.of(), unsupported);
        assertThat(body)
                .isEqualTo("<ul><!-- Power Pages Stack Emulator: tag entityview is not emulated --></ul>Fuzz page");
        assertThat(unsupported.uses("w-1")).containsOnlyKeys("tag entityview");
    }

    @Test
    void anUnknownFilterPassesItsInputThroughAndIsCounted() {
        UnsupportedLiquid unsupported = new UnsupportedLiquid();
        assertThat(render(
                        "{{ page.title | translate: 'fr' | upcase }}|{% assign t = 'x' | sparkle %}{{ t }}|{{ 'a|b' | default: 'c' }}",
                        Map.of(), unsupported))
                .isEqualTo("FUZZ PAGE|x|a|b");
        assertThat(unsupported.uses("w-1"))
                .containsEntry("filter translate", 1L)
                .containsEntry("filter sparkle", 1L);
    }

    @Test
    void linesAfterARewrittenBlockStillNameTheAuthorsLine() {
        TemplateRenderException error = catchThrowableOfType(
                TemplateRenderException.class,
                () -> render("{% searchindex query: 'x' %}\n\n{{ a }}\n{% endsearchindex %}\n{% if %}"));
        assertThat(error.line()).isEqualTo(5);
    }

    @Test
    void unknownTagsInsideRawAndCommentStayText() {
        assertThat(render("{% raw %}{% nosuch %}{% endraw %}{% comment %}{% nosuch %}{% endcomment %}"))
                .isEqualTo("{% nosuch %}");
    }

    @Test
    void includesRenderedThroughTheWholeRendererAreNotSharedBetweenThreads() throws Exception {
        var renderer = PowerPagesLiquid.renderer(new UnsupportedLiquid(), Map.of());
        var site = PowerPagesLiquid.site(
                "{% for i in (1..20) %}{% include 'snippet' snippet_name: 'Greeting' label: i %}{% endfor %}",
                Map.of());
        List<java.util.concurrent.Callable<RenderedPage>> renders = java.util.Collections.nCopies(
                6, () -> renderer.render(site, PowerPagesLiquid.page(), PowerPagesLiquid.request()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (var result : pool.invokeAll(renders)) {
                assertThat(result.get().body()).contains("Hello 1<", "Hello 20<");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
