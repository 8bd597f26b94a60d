package dev.powerpages.emulator.appnode.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.site.PageTemplate;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.SiteTables;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Fuzzing of the Liquid rendering (issue 10, "Hostile input"): random and hostile web template sources —
 * unbalanced tags, thousands of nested tags, loops over a hundred million items, strings doubled in a loop,
 * recursive includes and layouts, unknown filters and tags — must render or fail as the node's clear template
 * error (which the site turns into its template-error page), within a time bound, never with another exception.
 * And values a visitor controls must never come out as markup: {@code request.*} is HTML-encoded, {@code escape}
 * encodes what a template prints of business data.
 *
 * <p>Renders through {@link LiquidRenderer} with the limits of application.yml, no server: hundreds of inputs a
 * second. A seeded, bounded random loop, as the store's {@code QueryOptionFuzzTest}, rather than jqwik: jqwik 1.10.1
 * announces on every run that AI agents must not use it, and this project respects its maintainer's notice. The
 * seed is printed; {@code -Dfuzz.seed=<n>} replays a run, {@code -Dfuzz.tries=<n>} (inputs per property, default
 * 250) lengthens it; a failure names the input. The {@code coverageGuided…} methods are the coverage-guided (Jazzer)
 * forms of the same three properties.
 */
class LiquidFuzzTest {

    /** The node's defaults (application.yml, liquid.*). */
    static final LiquidLimits LIMITS = new LiquidLimits(100_000, Duration.ofSeconds(2), 4_000_000, 1_000_000, 100);
    /** Longest a render may take, time limit and parse included, before it counts as a hang. */
    static final Duration BOUND = Duration.ofSeconds(10);

    /**
     * The fuzzed templates never query the store, so the fetchxml block has none; the Power Pages filters and tags of
     * {@code appnode.liquid} are in, as in the node.
     */
    private static final LiquidRenderer RENDERER = new LiquidRenderer(
            LIMITS,
            new FetchXmlTag(null, null, null, null),
            PowerPagesLiquid.extensions(new UnsupportedLiquid()),
            PowerPagesLiquid.builtIns());

    private static final int TRIES = Integer.getInteger("fuzz.tries", 250);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final AtomicInteger RENDERED = new AtomicInteger();
    private static final AtomicInteger TEMPLATE_ERRORS = new AtomicInteger();
    private static final AtomicInteger VISITOR_VALUES = new AtomicInteger();
    private static final AtomicInteger ESCAPED_VALUES = new AtomicInteger();
    private static volatile long slowestMillis;
    private static volatile String slowest = "";

    @BeforeAll
    static void announceSeed() {
        System.out.println("Liquid fuzz: seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + "), " + TRIES
                + " inputs per property");
    }

    @Test
    void hostileTemplatesRenderOrGiveTheTemplateErrorInTime() {
        forEachInput(LiquidFuzzTest::template, LiquidFuzzTest::rendersOrGivesTheTemplateErrorInTime);
    }

    @Test
    void requestValuesNeverBecomeMarkup() {
        forEachInput(LiquidFuzzTest::hostileValue, LiquidFuzzTest::requestValueStaysText);
    }

    @Test
    void escapeFilterEncodesEveryMarkupCharacterAndLosesNothing() {
        forEachInput(LiquidFuzzTest::hostileValue, LiquidFuzzTest::escapedValueStaysText);
    }

    /*
     * Coverage-guided forms of the three properties (Jazzer). Without JAZZER_FUZZ=1 each replays its committed corpus
     * (LiquidFuzzTestInputs/<method>/: meaningful inputs and the past findings) and an empty input; with it, libFuzzer
     * mutates the input (UTF-8 bytes) towards new branches of liqp, the node's tags, filters and limits. One method
     * fuzzes per JVM: name it with -Dtest='LiquidFuzzTest#<method>'.
     */

    @Tag("jazzer") // in a JVM of its own: see the root pom
    @FuzzTest(maxDuration = "3m")
    void coverageGuidedTemplates(byte[] source) {
        rendersOrGivesTheTemplateErrorInTime(new String(source, StandardCharsets.UTF_8));
    }

    @Tag("jazzer") // in a JVM of its own: see the root pom
    @FuzzTest(maxDuration = "90s")
    void coverageGuidedRequestValues(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        if (!text.isEmpty()) { // the random loop never sends an empty value: "contains" would prove nothing
            requestValueStaysText(text);
        }
    }

    @Tag("jazzer") // in a JVM of its own: see the root pom
    @FuzzTest(maxDuration = "90s")
    void coverageGuidedEscapedValues(byte[] value) {
        escapedValueStaysText(new String(value, StandardCharsets.UTF_8));
    }

    /** Each of {@link #TRIES} generated inputs through the check; the failing input is named. */
    private static void forEachInput(Function<Random, String> generator, java.util.function.Consumer<String> check) {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String input = generator.apply(random);
            try {
                check.accept(input);
            } catch (AssertionError failure) {
                throw new AssertionError(
                        "input " + i + " of seed " + SEED + " (" + input.length() + " chars: "
                                + input.substring(0, Math.min(200, input.length())) + "): " + failure.getMessage(),
                        failure);
            }
        }
    }

    private static void rendersOrGivesTheTemplateErrorInTime(String source) {
        long started = System.nanoTime();
        try {
            RenderedPage page =
                    RENDERER.render(site(source), page(), new RequestInfo("/fuzz/", "http://localhost/fuzz/", ""));
            assertThat(page.body()).isNotNull();
            RENDERED.incrementAndGet();
        } catch (TemplateRenderException ex) {
            TEMPLATE_ERRORS.incrementAndGet();
            String errorPage = ErrorPages.templateError(ex.templateName(), ex.line(), ex.getMessage());
            assertThat(errorPage).contains("Liquid error").doesNotContain("\tat ", "at liqp.");
        } catch (Throwable other) {
            fail(
                    "Escaped the renderer: " + other + " for a template of " + source.length() + " chars: "
                            + source.substring(0, Math.min(200, source.length())),
                    other);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (millis > slowestMillis) {
            slowestMillis = millis;
            slowest = source.length() + " chars: " + source.substring(0, Math.min(60, source.length()));
        }
        assertThat(millis)
                .as("render time of a %d-char template", source.length())
                .isLessThan(BOUND.toMillis());
    }

    private static void requestValueStaysText(String value) {
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

    private static void escapedValueStaysText(String value) {
        // What a template prints of business data (a row a visitor created through /_api): Power Pages leaves it to
        // the template's escape filter, which must make it text in element content and in either kind of attribute.
        String out = LIMITS.parserBuilder().build().parse("{{ v | escape }}").render(Map.of("v", value));
        String alias = LIMITS.parserBuilder().build().parse("{{ v | h }}").render(Map.of("v", value));
        ESCAPED_VALUES.incrementAndGet();
        assertThat(out).doesNotContain("<", ">", "\"", "'").isEqualTo(alias);
        assertThat(HtmlUtils.htmlUnescape(out)).isEqualTo(value);
    }

    @AfterAll
    static void report() {
        int templates = RENDERED.get() + TEMPLATE_ERRORS.get();
        System.out.printf(
                "Liquid fuzz: %d templates (%d rendered, %d template errors, slowest %d ms: %s), %d request values,"
                        + " %d escaped values; %d inputs in all%n",
                templates,
                RENDERED.get(),
                TEMPLATE_ERRORS.get(),
                slowestMillis,
                slowest,
                VISITOR_VALUES.get(),
                ESCAPED_VALUES.get(),
                templates + VISITOR_VALUES.get() + ESCAPED_VALUES.get());
    }

    /** Liquid soup (4 in 10), deep nesting (2), random text (1), Liquid-ish characters (1), a named hazard (2). */
    static String template(Random random) {
        int kind = random.nextInt(10);
        if (kind < 4) {
            StringBuilder soup = new StringBuilder();
            for (int i = 1 + random.nextInt(40); i > 0; i--) {
                soup.append(pick(random, FRAGMENTS));
            }
            return soup.toString();
        }
        if (kind < 6) {
            List<String> pair = pick(random, NESTING_PAIRS);
            int depth = 50 + random.nextInt(20_000 - 50 + 1);
            return pair.get(0).repeat(depth) + "x" + pair.get(1).repeat(depth);
        }
        if (kind == 6) {
            return randomString(random, 400, null);
        }
        if (kind == 7) {
            return randomString(random, 300, "{}%|'\"()[]<>.:,= -ifendforx1");
        }
        return pick(random, NAMED_HAZARDS);
    }

    /** Up to six hostile pieces and a little random noise, never empty. */
    static String hostileValue(Random random) {
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(7); i > 0; i--) {
            value.append(pick(random, HOSTILE_PIECES));
        }
        value.append(randomString(random, 20, null));
        return value.isEmpty() ? pick(random, HOSTILE_PIECES) : value.toString();
    }

    /** Up to {@code maxLength} characters from {@code alphabet}, or any UTF-16 unit but lone surrogates when null. */
    private static String randomString(Random random, int maxLength, String alphabet) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            if (alphabet != null) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            } else {
                char c = (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0xD800));
                text.append(c);
            }
        }
        return text.toString();
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static final List<List<String>> NESTING_PAIRS = List.of(
            List.of("{% if true %}", "{% endif %}"),
            List.of("{% for i in (1..2) %}", "{% endfor %}"),
            List.of("{{ ", " }}"),
            List.of("(", ")"),
            List.of("{% capture c %}", "{% endcapture %}"),
            List.of("{% block b %}", "{% endblock %}"));

    private static final List<String> HOSTILE_PIECES = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "'onmouseover='alert(1)",
            "javascript:alert(1)",
            "&lt;already&gt;",
            "&",
            "</title>",
            "{{ 7 | times: 7 }}",
            "{% raw %}",
            "%3Cscript%3E",
            "\u202e",
            "\u0000",
            "😀",
            " ",
            "=",
            "?",
            "#",
            "/",
            "\\",
            "`",
            "+",
            "%");

    private static final List<String> FRAGMENTS = List.of(
            "text ",
            "<p>",
            "{{ page.title }}",
            "{{ page.title | upcase }}",
            "{{ x | no_such_filter }}",
            "{{ 'a' | append: 'b' }}",
            "{% if page.title %}",
            "{% endif %}",
            "{% else %}",
            "{% for i in (1..100000000) %}",
            "{% for p in page.children %}",
            "{% endfor %}",
            "{% unless false %}",
            "{% endunless %}",
            "{% case 1 %}{% when 1 %}",
            "{% endcase %}",
            "{% assign s = 'xx' %}",
            "{% assign s = s | append: s %}",
            "{{ s | size }}",
            "{% capture c %}",
            "{% endcapture %}",
            "{{ c }}",
            "{% include 'Page' %}",
            "{% include 'Missing' %}",
            "{% include 'Card' a:1, b:page.title %}",
            "{% extends 'Page' %}",
            "{% block main %}",
            "{% endblock %}",
            "{% editable page 'adx_copy' %}",
            "{% substitution %}",
            "{% endsubstitution %}",
            "{% raw %}",
            "{% endraw %}",
            "{% comment %}",
            "{% endcomment %}",
            "{% nosuchtag %}",
            "{{",
            "}}",
            "{%",
            "%}",
            "{{ 1 | divided_by: 0 }}",
            "{{ 99999999999999999999999 | plus: 1 }}",
            "{{ 'x' | truncate: -5 }}",
            "{{ now | date: '%Y%Q%' }}",
            "{{ snippets['Footer'] }}",
            "{{ request.params.q }}",
            "{% tablerow i in (1..100000000) %}",
            "{% endtablerow %}",
            "{% cycle 'a', 'b' %}",
            "{{ (1..100000000) | join: ',' }}",
            "{% assign big = (1..100000000) %}",
            "{{ big | size }}",
            "{% decrement n %}",
            "{% increment n %}",
            "{{ page['adx_copy'] | split: '' | join: 'xxxxxxxx' }}",
            "{{ 'x' | replace: 'x', 'xxxxxxxxxxxxxxxxxxxxxxxx' }}",
            "{% for i in (1..1000) %}{% for j in (1..1000) %}",
            "{% endfor %}{% endfor %}",
            "\u0000",
            "é€😀",
            "\r\n",
            "{% elseif page.title %}",
            "{% if page.title startswith 'F' %}",
            "{% unless x endswith y %}",
            "{% nosuchblock a:1 %}",
            "{% endnosuchblock %}",
            "{{ x | no_such_filter: 1, 2 }}",
            "{{ request.url | add_query: 'a', page.title | path_and_query }}",
            "{{ now | date: 'dddd, MMMM d, yyyy h:mm:ss tt zzz' }}",
            "{{ '{{ 1 | plus: 1 }}' | liquid }}",
            "{% editable snippets 'Footer' %}",
            "{% include 'snippet' snippet_name: 'Footer' x: 1 %}",
            "{% chart id:'x' %}",
            "{% powerbi path:\"p\" %}",
            "{{ (1..10) | batch: 3 | size }}",
            "{{ page.children | order_by: 'title' | then_by: 'url', 'desc' | size }}",
            "{{ resx['Sign_In'] }}",
            "{{ 'a,b' | split: ',' | group_by: 'x' | size }}",
            "{{ 10000000 | file_size: 3 }}");

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
            "{% raw %}{% endraw %".repeat(1000),
            "{% assign s = '{{ s | liquid }}' %}{{ s | liquid }}",
            "{% nosuch %}".repeat(3_000) + "{% endnosuch %}",
            "{% if a startswith 'b' %}".repeat(1_000) + "{% endif %}".repeat(1_000),
            "{{ x | nofilter }}".repeat(3_000),
            "{{ 'x' | times: 99999999999 | date_add_years: 99999999999 }}");

    /** A site whose page renders {@code source} (web template "Page"), with templates that include and extend each other. */
    static SiteSnapshot site(String source) {
        Map<String, WebTemplate> byId = new HashMap<>();
        Map<String, WebTemplate> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (WebTemplate template : List.of(
                new WebTemplate("t-page", "Page", source, null),
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
        // A SiteTables of its own: what features derive from a snapshot is kept there (SiteTables.EMPTY would share it
        // between every snapshot built here, e.g. one renderer's built-in templates with another's).
        return new SiteSnapshot(
                "w-1",
                "Fuzz",
                Map.of(page.id(), page),
                Map.of(page.url(), page),
                Map.of(),
                Map.of("pt-1", new PageTemplate("pt-1", "Page", "t-page")),
                byId,
                byName,
                snippets,
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                SitePermissions.NONE,
                new SiteTables(Map.of()),
                Instant.EPOCH);
    }

    static WebPage page() {
        return new WebPage(
                "p-1",
                "Fuzz",
                "Fuzz <page>",
                "fuzz",
                null,
                "pt-1",
                "<p>copy</p>",
                false,
                1,
                "/fuzz/",
                true,
                Instant.EPOCH);
    }
}
