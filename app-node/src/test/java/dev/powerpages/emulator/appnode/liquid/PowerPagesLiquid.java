package dev.powerpages.emulator.appnode.liquid;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.filters.AdditionalFilters;
import dev.powerpages.emulator.appnode.liquid.filters.ArrayFilters;
import dev.powerpages.emulator.appnode.liquid.filters.DateFilters;
import dev.powerpages.emulator.appnode.liquid.filters.MathFilters;
import dev.powerpages.emulator.appnode.liquid.filters.StringFilters;
import dev.powerpages.emulator.appnode.liquid.filters.TypeFilters;
import dev.powerpages.emulator.appnode.liquid.filters.UrlFilters;
import dev.powerpages.emulator.appnode.liquid.resx.ResourceStrings;
import dev.powerpages.emulator.appnode.liquid.tags.GeneralTags;
import dev.powerpages.emulator.appnode.liquid.templates.RuntimeTemplates;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.site.PageTemplate;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.SiteTables;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node's Power Pages Liquid — every filter and tag package of {@code appnode.liquid} with the renderer and the
 * limits of application.yml — for tests that render a template as a page of a small site, without Spring.
 */
public final class PowerPagesLiquid {

    /** The node's defaults (application.yml, liquid.*). */
    public static final LiquidLimits LIMITS =
            new LiquidLimits(100_000, Duration.ofSeconds(2), 4_000_000, 1_000_000, 100);

    private PowerPagesLiquid() {}

    /** The feature packages' extensions, as the Spring context has them. */
    public static List<LiquidExtension> extensions(UnsupportedLiquid unsupported) {
        return List.of(
                new ArrayFilters(LIMITS),
                new DateFilters(),
                new MathFilters(LIMITS),
                new StringFilters(LIMITS),
                new TypeFilters(),
                new UrlFilters(),
                new AdditionalFilters(LIMITS),
                new GeneralTags(LIMITS, unsupported),
                new ResourceStrings());
    }

    public static List<BuiltInTemplate> builtIns() {
        return RuntimeTemplates.all();
    }

    /** A renderer with the feature packages and, for the test's data, one more extension adding {@code variables}. */
    public static LiquidRenderer renderer(UnsupportedLiquid unsupported, Map<String, Object> variables) {
        List<LiquidExtension> extensions = new java.util.ArrayList<>(extensions(unsupported));
        extensions.add(new LiquidExtension() {
            @Override
            public void contribute(RenderScope scope, Map<String, Object> all) {
                all.putAll(variables);
            }
        });
        return new LiquidRenderer(LIMITS, new FetchXmlTag(null, null, null, null), extensions, builtIns());
    }

    /** {@code source} rendered as the page of {@link #site}, with {@code variables} added. */
    public static String render(String source, Map<String, Object> variables) {
        return render(source, variables, new UnsupportedLiquid());
    }

    public static String render(String source, Map<String, Object> variables, UnsupportedLiquid unsupported) {
        return renderer(unsupported, variables)
                .render(site(source, Map.of()), page(), request())
                .body();
    }

    public static String render(String source) {
        return render(source, Map.of());
    }

    public static RequestInfo request() {
        return new RequestInfo("/fuzz/", "https://contoso.example:8443/fuzz/?page=1", "page=1");
    }

    /**
     * A site whose page renders {@code source} (web template "Page"), with snippets {@code Footer} and
     * {@code Greeting} (Liquid), a {@code Card} template taking {@code a} and {@code b}, and {@code templates}.
     */
    public static SiteSnapshot site(String source, Map<String, String> templates) {
        Map<String, WebTemplate> byId = new HashMap<>();
        Map<String, WebTemplate> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> all = new HashMap<>(templates);
        all.put("Page", source);
        all.putIfAbsent("Card", "<div>{{ a }}|{{ b }}</div>");
        all.forEach((name, text) -> {
            WebTemplate template = new WebTemplate("t-" + name, name, text, null);
            byId.put(template.id(), template);
            byName.put(name, template);
        });
        WebPage page = page();
        Map<String, String> snippets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        snippets.put("Footer", "<footer>&copy; Contoso</footer>");
        snippets.put("Greeting", "Hello {{ label | default: 'visitor' }}");
        return new SiteSnapshot(
                "w-1",
                "Contoso",
                Map.of(page.id(), page),
                Map.of(page.url(), page),
                Map.of(),
                Map.of("pt-1", new PageTemplate("pt-1", "Page", "t-Page")),
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

    public static WebPage page() {
        return new WebPage(
                "p-1",
                "Fuzz",
                "Fuzz page",
                "fuzz",
                null,
                "pt-1",
                "<p>Copy of {{ page.title }}</p>",
                false,
                1,
                "/fuzz/",
                true,
                Instant.EPOCH);
    }
}
