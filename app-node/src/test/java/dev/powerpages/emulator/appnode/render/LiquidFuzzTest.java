package dev.powerpages.emulator.appnode.render;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.site.PageTemplate;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebTemplate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzzing of the Liquid rendering with jqwik (issue 10, "Hostile input"): random and hostile web template sources —
 * unbalanced tags, thousands of nested tags, loops over a hundred million items, strings doubled in a loop,
 * recursive includes and layouts, unknown filters and tags — must render or fail as the node's clear template
 * error (which the site turns into its template-error page), within a time bound, never with another exception.
 * And values a visitor controls must never come out as markup: {@code request.*} is HTML-encoded, {@code escape}
 * encodes what a template prints of business data.
 *
 * <p>Renders through {@link LiquidRenderer} with the limits of application.yml, no server: hundreds of inputs a
 * second. {@code -Djqwik.tries.default=5000} lengthens the run; a failure prints its seed for replay.
 */
class LiquidFuzzTest {

    /** The node's defaults (application.yml, liquid.*). */
    static final LiquidLimits LIMITS = new LiquidLimits(100_000, Duration.ofSeconds(2), 4_000_000, 1_000_000, 100);
    /** Longest a render may take, time limit and parse included, before it counts as a hang. */
    static final Duration BOUND = Duration.ofSeconds(10);

    private static final LiquidRenderer RENDERER = new LiquidRenderer(LIMITS);
    private static final AtomicInteger RENDERED = new AtomicInteger();
    private static final AtomicInteger TEMPLATE_ERRORS = new AtomicInteger();
    private static final AtomicInteger VISITOR_VALUES = new AtomicInteger();
    private static final AtomicInteger ESCAPED_VALUES = new AtomicInteger();
    private static volatile long slowestMillis;
    private static volatile String slowest = "";

    @Property
    void hostileTemplatesRenderOrGiveTheTemplateErrorInTime(@ForAll("templates") String source) {
        long started = System.nanoTime();
        try {
            RenderedPage page = RENDERER.render(site(source), page(), new RequestInfo("/fuzz/", "http://localhost/fuzz/", ""));
            assertThat(page.body()).isNotNull();
            RENDERED.incrementAndGet();
        }
        catch (TemplateRenderException ex) {
            TEMPLATE_ERRORS.incrementAndGet();
            String errorPage = ErrorPages.templateError(ex.templateName(), ex.line(), ex.getMessage());
            assertThat(errorPage).contains("Liquid error").doesNotContain("\tat ", "at liqp.");
        }
        catch (Throwable other) {
            fail("Escaped the renderer: " + other + " for a template of " + source.length() + " chars: "
                    + source.substring(0, Math.min(200, source.length())), other);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (millis > slowestMillis) {
            slowestMillis = millis;
            slowest = source.length() + " chars: " + source.substring(0, Math.min(60, source.length()));
        }
        assertThat(millis).as("render time of a %d-char template", source.length()).isLessThan(BOUND.toMillis());
    }

    @Property
    void requestValuesNeverBecomeMarkup(@ForAll("hostileValues") String value) {
        String template = "[{{ request.params.q }}][{{ request.params['q'] }}][{{ request.query }}][{{ request.url }}]"
                + "[{{ request.path }}][{{ request.path_and_query }}][{% for p in request.params %}{{ p[0] }}={{ p[1] }}{% endfor %}]";
        String query = "q=" + UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8) + "&"
                + UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8) + "=1";
        // The path as the site controller passes it (decoded), the URL as a hostile client could send it (raw).
        RequestInfo request = new RequestInfo("/fuzz/" + value, "http://localhost/fuzz/" + value + "?" + query, query);
        String body = RENDERER.render(site(template), page(), request).body();
        VISITOR_VALUES.incrementAndGet();
        assertThat(body).doesNotContain("<", ">", "\"", "'");
        assertThat(HtmlUtils.htmlUnescape(body)).contains(value);
    }

    @Property
    void escapeFilterEncodesEveryMarkupCharacterAndLosesNothing(@ForAll("hostileValues") String value) {
        // What a template prints of business data (a row a visitor created through /_api): Power Pages leaves it to
        // the template's escape filter, which must make it text in element content and in either kind of attribute.
        String out = LIMITS.parserBuilder().build().parse("{{ v | escape }}").render(Map.of("v", value));
        String alias = LIMITS.parserBuilder().build().parse("{{ v | h }}").render(Map.of("v", value));
        ESCAPED_VALUES.incrementAndGet();
        assertThat(out).doesNotContain("<", ">", "\"", "'").isEqualTo(alias);
        assertThat(HtmlUtils.htmlUnescape(out)).isEqualTo(value);
    }

    @AfterContainer
    static void report() {
        int templates = RENDERED.get() + TEMPLATE_ERRORS.get();
        System.out.printf("Liquid fuzz: %d templates (%d rendered, %d template errors, slowest %d ms: %s), %d request values,"
                + " %d escaped values; %d inputs in all%n", templates, RENDERED.get(), TEMPLATE_ERRORS.get(),
                slowestMillis, slowest, VISITOR_VALUES.get(), ESCAPED_VALUES.get(), templates + VISITOR_VALUES.get() + ESCAPED_VALUES.get());
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, fragmentSoup()),
                Tuple.of(2, deepNesting()),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(400)),
                Tuple.of(1, Arbitraries.strings().withChars("{}%|'\"()[]<>.:,= -ifendforx1").ofMaxLength(300)),
                Tuple.of(2, Arbitraries.of(NAMED_HAZARDS)));
    }

    @Provide
    Arbitrary<String> hostileValues() {
        Arbitrary<String> pieces = Arbitraries.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                "'onmouseover='alert(1)", "javascript:alert(1)", "&lt;already&gt;", "&", "</title>", "{{ 7 | times: 7 }}",
                "{% raw %}", "%3Cscript%3E", "\u202e", "\u0000", "😀", " ", "=", "?", "#", "/", "\\", "`", "+", "%");
        return Combinators.combine(pieces.list().ofMaxSize(6), Arbitraries.strings().ofMaxLength(20))
                .as((list, noise) -> String.join("", list) + noise)
                .filter(value -> !value.isEmpty());
    }

    /** Random sequences of Liquid pieces: balanced or not, with the hazards among them. */
    private static Arbitrary<String> fragmentSoup() {
        return Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(40).map(list -> String.join("", list));
    }

    private static Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(50, 20_000), Arbitraries.of(
                        List.of("{% if true %}", "{% endif %}"), List.of("{% for i in (1..2) %}", "{% endfor %}"),
                        List.of("{{ ", " }}"), List.of("(", ")"), List.of("{% capture c %}", "{% endcapture %}"),
                        List.of("{% block b %}", "{% endblock %}")))
                .as((depth, pair) -> pair.get(0).repeat(depth) + "x" + pair.get(1).repeat(depth));
    }

    private static final List<String> FRAGMENTS = List.of("text ", "<p>", "{{ page.title }}", "{{ page.title | upcase }}",
            "{{ x | no_such_filter }}", "{{ 'a' | append: 'b' }}", "{% if page.title %}", "{% endif %}", "{% else %}",
            "{% for i in (1..100000000) %}", "{% for p in page.children %}", "{% endfor %}", "{% unless false %}",
            "{% endunless %}", "{% case 1 %}{% when 1 %}", "{% endcase %}", "{% assign s = 'xx' %}",
            "{% assign s = s | append: s %}", "{{ s | size }}", "{% capture c %}", "{% endcapture %}", "{{ c }}",
            "{% include 'Page' %}", "{% include 'Missing' %}", "{% include 'Card' a:1, b:page.title %}",
            "{% extends 'Page' %}", "{% block main %}", "{% endblock %}", "{% editable page 'adx_copy' %}",
            "{% substitution %}", "{% endsubstitution %}", "{% raw %}", "{% endraw %}", "{% comment %}", "{% endcomment %}",
            "{% nosuchtag %}", "{{", "}}", "{%", "%}", "{{ 1 | divided_by: 0 }}", "{{ 99999999999999999999999 | plus: 1 }}",
            "{{ 'x' | truncate: -5 }}", "{{ now | date: '%Y%Q%' }}", "{{ snippets['Footer'] }}", "{{ request.params.q }}",
            "{% tablerow i in (1..100000000) %}", "{% endtablerow %}", "{% cycle 'a', 'b' %}", "{{ (1..100000000) | join: ',' }}",
            "{% assign big = (1..100000000) %}", "{{ big | size }}", "{% decrement n %}", "{% increment n %}",
            "{{ page['adx_copy'] | split: '' | join: 'xxxxxxxx' }}", "{{ 'x' | replace: 'x', 'xxxxxxxxxxxxxxxxxxxxxxxx' }}",
            "{% for i in (1..1000) %}{% for j in (1..1000) %}", "{% endfor %}{% endfor %}", "\u0000", "é€😀", "\r\n");

    /** Each a known way to hurt a template engine. */
    private static final List<String> NAMED_HAZARDS = List.of(
            "{% for i in (1..100000000) %}x{% endfor %}",
            "{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}",
            "{% assign s = 'x' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
            "{% assign s = 'x' %}{% for i in (1..64) %}{% assign s = s | prepend: s %}{% endfor %}{{ s | size }}",
            "{% assign s = 'xxxxxxxx' %}{% for i in (1..64) %}{% assign s = s | replace: 'x', 'xx' %}{% endfor %}",
            "{% assign a = 'x,y' | split: ',' %}{% for i in (1..64) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}",
            "{% assign a = 'x,y' | split: ',' %}{% for i in (1..40) %}{% assign a = a | join: a %}{% endfor %}",
            "{% capture c %}{% for i in (1..100000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endcapture %}",
            "{% include 'Page' %}",
            "{% include 'Loop A' %}",
            "{% extends 'Page' %}{% block main %}x{% endblock %}",
            "{% extends 'Layout A' %}",
            "{% if true %}".repeat(30_000) + "{% endif %}".repeat(30_000),
            "{{ " + "(".repeat(30_000) + "1" + ")".repeat(30_000) + " }}",
            "x".repeat(1_200_000),
            "{% for i in (1..99999) %}{% include 'Card' a:i %}{% endfor %}",
            "{{ 'x' | times: 99999999999 }}",
            "{% raw %}{% endraw %".repeat(1000));

    /** A site whose page renders {@code source} (web template "Page"), with templates that include and extend each other. */
    static SiteSnapshot site(String source) {
        Map<String, WebTemplate> byId = new HashMap<>();
        Map<String, WebTemplate> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (WebTemplate template : List.of(new WebTemplate("t-page", "Page", source, null),
                new WebTemplate("t-card", "Card", "<div>{{ a }}|{{ b }}</div>", null),
                new WebTemplate("t-loop-a", "Loop A", "a{% include 'Loop B' %}", null),
                new WebTemplate("t-loop-b", "Loop B", "b{% include 'Loop A' %}", null),
                new WebTemplate("t-layout-a", "Layout A", "{% extends 'Layout B' %}", null),
                new WebTemplate("t-layout-b", "Layout B", "{% extends 'Layout A' %}", null))) {
            byId.put(template.id(), template);
            byName.put(template.name(), template);
        }
        WebPage page = page();
        Map<String, String> snippets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        snippets.put("Footer", "<footer>&copy; Contoso</footer>");
        return new SiteSnapshot("w-1", "Fuzz", Map.of(page.id(), page), Map.of(page.url(), page), Map.of(),
                Map.of("pt-1", new PageTemplate("pt-1", "Page", "t-page")), byId, byName, snippets, Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), Instant.EPOCH);
    }

    static WebPage page() {
        return new WebPage("p-1", "Fuzz", "Fuzz <page>", "fuzz", null, "pt-1", "<p>copy</p>", false, 1, "/fuzz/", true, Instant.EPOCH);
    }
}
