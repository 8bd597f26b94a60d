package dev.powerpages.emulator.appnode.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.liquid.ParsedLiquidCache;
import dev.powerpages.emulator.appnode.liquid.ParsedLiquidCacheProperties;
import dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The renderer keeps each source's parse ({@link ParsedLiquidCache}): what a page shows must still follow its
 * templates' current source, and a template liqp refuses must fail the same way on every request.
 */
class LiquidRendererParseCacheTest {

    private final UnsupportedLiquid unsupported = new UnsupportedLiquid();
    private final LiquidRenderer renderer = new LiquidRenderer(
            PowerPagesLiquid.LIMITS,
            new FetchXmlTag(null, null, null, null),
            PowerPagesLiquid.extensions(unsupported),
            PowerPagesLiquid.builtIns(),
            unsupported,
            new ParsedLiquidCache(ParsedLiquidCacheProperties.DEFAULTS));

    private String render(SiteSnapshot site) {
        return renderer.render(site, PowerPagesLiquid.page(), PowerPagesLiquid.request())
                .body();
    }

    @Test
    void aPageFollowsAnEditOfItsTemplate() {
        assertThat(render(PowerPagesLiquid.site("<h1>{{ page.title }}</h1>", Map.of())))
                .isEqualTo("<h1>Fuzz page</h1>");
        assertThat(render(PowerPagesLiquid.site("<h2>{{ page.title }}</h2>", Map.of())))
                .isEqualTo("<h2>Fuzz page</h2>");
        assertThat(render(PowerPagesLiquid.site("<h1>{{ page.title }}</h1>", Map.of())))
                .isEqualTo("<h1>Fuzz page</h1>");
    }

    @Test
    void aPageFollowsAnEditOfATemplateItIncludes() {
        String page = "[{% include 'Card' a:1, b:2 %}]";
        assertThat(render(PowerPagesLiquid.site(page, Map.of("Card", "<div>{{ a }}|{{ b }}</div>"))))
                .isEqualTo("[<div>1|2</div>]");
        assertThat(render(PowerPagesLiquid.site(page, Map.of("Card", "<span>{{ b }}-{{ a }}</span>"))))
                .isEqualTo("[<span>2-1</span>]");
    }

    @Test
    void aPageFollowsAnEditOfTheLayoutItExtends() {
        String page = "{% extends 'Layout' %}{% block main %}body{% endblock %}";
        assertThat(render(PowerPagesLiquid.site(page, Map.of("Layout", "<main>{% block main %}{% endblock %}</main>"))))
                .isEqualTo("<main>body</main>");
        assertThat(render(PowerPagesLiquid.site(
                        page, Map.of("Layout", "<article>{% block main %}{% endblock %}</article>"))))
                .isEqualTo("<article>body</article>");
    }

    @Test
    void aParseErrorIsReportedWithItsTemplateAndLineOnEveryRequest() {
        SiteSnapshot site = PowerPagesLiquid.site("line one\nline two\n{% if %}\n", Map.of());
        for (int request = 1; request <= 3; request++) {
            TemplateRenderException error = catchThrowableOfType(TemplateRenderException.class, () -> render(site));
            assertThat(error).as("request %d", request).isNotNull();
            assertThat(error.templateName()).as("request %d", request).isEqualTo("Page");
            assertThat(error.line()).as("request %d", request).isEqualTo(3);
        }
    }

    @Test
    void aParseErrorInALayoutNamesTheLayoutOnEveryRequest() {
        SiteSnapshot site = PowerPagesLiquid.site(
                "{% extends 'Layout' %}{% block main %}body{% endblock %}",
                Map.of("Layout", "<main>\n{% block main %}{% endblock %}\n{{ 'x' | }}</main>"));
        for (int request = 1; request <= 2; request++) {
            TemplateRenderException error = catchThrowableOfType(TemplateRenderException.class, () -> render(site));
            assertThat(error).as("request %d", request).isNotNull();
            assertThat(error.templateName()).as("request %d", request).isEqualTo("Layout");
            assertThat(error.line()).as("request %d", request).isEqualTo(3);
        }
    }

    @Test
    void aParseErrorInAnIncludedTemplateIsReportedOnEveryRequest() {
        SiteSnapshot site = PowerPagesLiquid.site(
                "before {% include 'Broken' %} after", Map.of("Broken", "ok\n{% for %}{% endfor %}"));
        for (int request = 1; request <= 2; request++) {
            TemplateRenderException error = catchThrowableOfType(TemplateRenderException.class, () -> render(site));
            assertThat(error).as("request %d", request).isNotNull();
            assertThat(error.templateName()).as("request %d", request).isEqualTo("Broken");
            assertThat(error.line()).as("request %d", request).isEqualTo(2);
        }
    }

    @Test
    void aTemplateOverTheNestingLimitFailsOnEveryRequest() {
        String deep = "{% if true %}".repeat(PowerPagesLiquid.LIMITS.maxNesting() + 1)
                + "{% endif %}".repeat(PowerPagesLiquid.LIMITS.maxNesting() + 1);
        SiteSnapshot site = PowerPagesLiquid.site(deep, Map.of());
        for (int request = 1; request <= 2; request++) {
            TemplateRenderException error = catchThrowableOfType(TemplateRenderException.class, () -> render(site));
            assertThat(error).as("request %d", request).isNotNull();
            assertThat(error.templateName()).isEqualTo("Page");
        }
    }

    @Test
    void renderersWithDifferentTagsDoNotShareParses() {
        ParsedLiquidCache shared = new ParsedLiquidCache(ParsedLiquidCacheProperties.DEFAULTS);
        String source = "a{% comment %}x{% endcomment %}{{ 'b' | upcase }}{% unknown_tag %}c";
        LiquidRenderer plain = new LiquidRenderer(
                PowerPagesLiquid.LIMITS, new FetchXmlTag(null, null, null, null), List.of(), List.of(), null, shared);
        LiquidRenderer powerPages = new LiquidRenderer(
                PowerPagesLiquid.LIMITS,
                new FetchXmlTag(null, null, null, null),
                PowerPagesLiquid.extensions(unsupported),
                PowerPagesLiquid.builtIns(),
                unsupported,
                shared);
        SiteSnapshot site = PowerPagesLiquid.site(source, Map.of());
        // The unknown tag becomes the not-emulated comment only where the parser has the node's tags; liqp's own
        // parser refuses it, however often the same source was parsed with the node's.
        assertThat(powerPages
                        .render(site, PowerPagesLiquid.page(), PowerPagesLiquid.request())
                        .body())
                .startsWith("aB")
                .contains("unknown_tag")
                .endsWith("c");
        TemplateRenderException error = catchThrowableOfType(
                TemplateRenderException.class,
                () -> plain.render(site, PowerPagesLiquid.page(), PowerPagesLiquid.request()));
        assertThat(error).isNotNull();
        assertThat(error.templateName()).isEqualTo("Page");
    }
}
