package dev.powerpages.emulator.appnode.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.filters.Filter;
import org.junit.jupiter.api.Test;

class LiquidExtensionTest {

    /** A feature package's contribution: a filter that reads the render it runs in, and an object. */
    static final class Greeting implements LiquidExtension {

        @Override
        public void register(TemplateParser.Builder parser) {
            parser.withFilter(new Filter("shout_page") {
                @Override
                public Object apply(Object value, TemplateContext context, Object... params) {
                    return value + " on " + RenderScope.of(context).page().url().toUpperCase(Locale.ROOT);
                }
            });
        }

        @Override
        public void contribute(RenderScope scope, Map<String, Object> variables) {
            variables.put("greeting", Map.of("text", "Hello " + scope.site().websiteName()));
        }
    }

    @Test
    void rendersTheTagsFiltersAndObjectsFeaturePackagesContribute() {
        LiquidRenderer renderer = new LiquidRenderer(
                LiquidFuzzTest.LIMITS, new FetchXmlTag(null, null, null, null), List.of(new Greeting()), List.of());

        RenderedPage page = renderer.render(
                LiquidFuzzTest.site("{{ greeting.text | shout_page }}"),
                LiquidFuzzTest.page(),
                new RequestInfo("/fuzz/", "http://localhost/fuzz/", null, null));

        assertThat(page.body()).isEqualTo("Hello Fuzz on /FUZZ/");
    }

    @Test
    void includesTheRuntimesBuiltInTemplatesUnlessTheSiteHasOneOfThatName() {
        BuiltInTemplate languages = builtIn("Languages Dropdown", "<ul class=\"languages\"></ul>");
        BuiltInTemplate card = builtIn("card", "built-in card");
        LiquidRenderer renderer = new LiquidRenderer(
                LiquidFuzzTest.LIMITS, new FetchXmlTag(null, null, null, null), List.of(), List.of(languages, card));

        RenderedPage page = renderer.render(
                LiquidFuzzTest.site("{% include 'languages dropdown' %}|{% include 'Card' a:1, b:2 %}"),
                LiquidFuzzTest.page(),
                new RequestInfo("/fuzz/", "http://localhost/fuzz/", null, null));

        // The fuzz site has its own "Card" template: it wins over the built-in one.
        assertThat(page.body()).isEqualTo("<ul class=\"languages\"></ul>|<div>1|2</div>");
    }

    private static BuiltInTemplate builtIn(String name, String source) {
        return new BuiltInTemplate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String source() {
                return source;
            }
        };
    }
}
