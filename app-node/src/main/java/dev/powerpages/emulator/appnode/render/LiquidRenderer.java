package dev.powerpages.emulator.appnode.render;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebTemplate;
import liqp.TemplateParser;
import liqp.antlr.CharStreamWithLocation;
import liqp.org.antlr.v4.runtime.CharStreams;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders a page the way Power Pages does: page → page template → web template, Liquid with the objects listed in
 * docs/architecture.md. Unknown names render empty (liqp's non-strict variables).
 *
 * <p>liqp's parsed {@code Template} is not safe to render from several threads at once (liqp issue #287), so
 * every render parses the source afresh; only the {@link TemplateParser} (configuration, no render state) is
 * shared, one per snapshot, because its name resolver serves that snapshot's web templates to {@code include}.
 */
@Component
public class LiquidRenderer {

    private final Cache<SiteSnapshot, TemplateParser> parsers = Caffeine.newBuilder().weakKeys().maximumSize(4).build();

    public RenderedPage render(SiteSnapshot site, WebPage page, RequestInfo request) {
        WebTemplate template = site.webTemplateOf(page).orElseThrow(() -> new TemplateRenderException(
                "(none)", "Page '" + page.name() + "' has no page template with a web template", null));
        try {
            String body = parser(site).parse(template.source()).render(variables(site, page, request));
            String mimeType = template.mimeType() == null || template.mimeType().isBlank() ? "text/html" : template.mimeType();
            return new RenderedPage(body, mimeType);
        }
        catch (RuntimeException ex) {
            TemplateRenderException fromInclude = findCause(ex, TemplateRenderException.class);
            if (fromInclude != null) {
                throw fromInclude;
            }
            throw new TemplateRenderException(template.name(), ex.getMessage(), ex);
        }
    }

    private TemplateParser parser(SiteSnapshot site) {
        return parsers.get(site, snapshot -> new TemplateParser.Builder()
                .withTag(new WebTemplateInclude())
                .withShowExceptionsFromInclude(true)
                .withNameResolver(name -> resolve(snapshot, name))
                .build());
    }

    private static CharStreamWithLocation resolve(SiteSnapshot site, String name) throws IOException {
        WebTemplate template = site.webTemplate(name)
                .orElseThrow(() -> new IOException("There is no web template named '" + name + "'"));
        return new CharStreamWithLocation(CharStreams.fromString(template.source(), name));
    }

    private static Map<String, Object> variables(SiteSnapshot site, WebPage page, RequestInfo request) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("page", new PageDrop(site, page));
        variables.put("website", Map.of("id", site.websiteId(), "name", nullToEmpty(site.websiteName())));
        variables.put("snippets", site.snippets());
        variables.put("settings", site.settings());
        variables.put("sitemarkers", siteMarkers(site));
        variables.put("weblinks", webLinks(site));
        // Power Pages HTML-encodes the request object (since 9.3.8) so templates cannot echo markup from the URL.
        variables.put("request", Map.of(
                "path", HtmlUtils.htmlEscape(request.path()),
                "url", HtmlUtils.htmlEscape(request.url()),
                "query", HtmlUtils.htmlEscape(nullToEmpty(request.query()))));
        variables.put("now", ZonedDateTime.now(ZoneOffset.UTC));
        // "user" is deliberately absent: visitors are anonymous, and an absent object renders empty.
        return variables;
    }

    private static Map<String, Object> siteMarkers(SiteSnapshot site) {
        Map<String, Object> markers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        site.siteMarkerPageIds().forEach((name, pageId) -> site.page(pageId).filter(WebPage::published)
                .ifPresent(target -> markers.put(name, Map.of("name", name, "url", target.url(), "id", target.id()))));
        return markers;
    }

    private static Map<String, Object> webLinks(SiteSnapshot site) {
        Map<String, Object> sets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        site.webLinkSets().forEach((name, set) -> {
            List<Map<String, Object>> links = set.links().stream().map(link -> {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("name", link.name());
                values.put("url", link.url());
                return values;
            }).toList();
            sets.put(name, Map.of("id", set.id() == null ? "" : set.id(), "name", name, "weblinks", links));
        });
        return sets;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable current = ex; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }
}
