package dev.powerpages.emulator.appnode.services;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.cache.WebFileContentCache;
import dev.powerpages.emulator.appnode.chaos.ChaosState;
import dev.powerpages.emulator.appnode.node.NodeProperties;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /_services/about}, after Power Pages' page of the same name: which node and region answer, the version,
 * uptime, the caches and the store connection; with the admin key, "clear config" (reload the configuration
 * tables) and "clear cache" (drop cached business data and web file contents), as Power Pages' about page offers.
 * HTML by default, JSON with {@code Accept: application/json}.
 */
@RestController
class AboutController {

    private final NodeProperties node;
    private final NodeHealth health;
    private final SiteCache siteCache;
    private final WebFileContentCache webFiles;
    private final BusinessDataCache businessData;
    private final StoreClient store;
    private final ChaosState chaos;
    private final SiteProperties siteProperties;
    private final UnsupportedLiquid unsupported;

    AboutController(
            NodeProperties node,
            NodeHealth health,
            SiteCache siteCache,
            WebFileContentCache webFiles,
            BusinessDataCache businessData,
            StoreClient store,
            ChaosState chaos,
            SiteProperties siteProperties,
            UnsupportedLiquid unsupported) {
        this.unsupported = unsupported;
        this.siteProperties = siteProperties;
        this.node = node;
        this.health = health;
        this.siteCache = siteCache;
        this.webFiles = webFiles;
        this.businessData = businessData;
        this.store = store;
        this.chaos = chaos;
    }

    @GetMapping(path = "/_services/about", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> aboutJson() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(about());
    }

    @GetMapping(path = "/_services/about", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> aboutHtml() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(html(about()));
    }

    @PostMapping("/_services/about/clear-config")
    ResponseEntity<?> clearConfig() {
        siteCache.requestReload();
        return ResponseEntity.accepted()
                .body(
                        new ActionDone(
                                "clear-config",
                                "The configuration tables are reloaded from the store at the next refresh; the current ones serve until then."));
    }

    @PostMapping("/_services/about/clear-cache")
    ResponseEntity<?> clearCache() {
        businessData.clear();
        webFiles.clear();
        return ResponseEntity.ok(
                new ActionDone("clear-cache", "Cached business data and web file contents were dropped."));
    }

    private Map<String, Object> about() {
        NodeHealth.Assessment assessment = health.assess();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("node", node.name());
        about.put("region", node.region());
        about.put("primaryRegion", node.primaryRegion());
        about.put(
                "crossRegionLatencyMs",
                node.inPrimaryRegion() || node.crossRegionLatency() == null
                        ? 0
                        : node.crossRegionLatency().toMillis());
        about.put("version", version());
        about.put(
                "uptime",
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())
                        .withNanos(0)
                        .toString());
        about.put("status", assessment.status().name());
        about.put("reasons", assessment.reasons());
        about.put(
                "website", assessment.site() == null ? null : assessment.site().websiteName());
        about.put("siteLoadedAt", assessment.siteLoadedAt());
        about.put("changeTracking", siteCache.changeTracking());
        // The bound within which a change in the store shows on the site (delta links polled this often).
        about.put("changePollIntervalMs", siteProperties.changePollInterval().toMillis());
        about.put("circuitBreaker", store.circuitBreakerState().name());
        Map<String, CacheFigures> caches = new LinkedHashMap<>();
        caches.put("site-snapshot", stats(siteCache.stats(), siteCache.size()));
        caches.put("web-file-content", stats(webFiles.stats(), webFiles.size()));
        caches.put("webapi-data", stats(businessData.stats(), businessData.size()));
        about.put("caches", caches);
        about.put("faults", chaos.current());
        // The site's Liquid that the emulator met and does not emulate, with how often (pages render without it).
        about.put(
                "notEmulated",
                assessment.site() == null
                        ? Map.of()
                        : unsupported.uses(assessment.site().websiteId()));
        return about;
    }

    private static CacheFigures stats(CacheStats stats, long size) {
        return new CacheFigures(stats.hitCount(), stats.missCount(), size);
    }

    /** One cache's figures, {@code {"hits":…,"misses":…,"size":…}} in that order (a record: Map.of has no fixed order). */
    @JsonPropertyOrder({"hits", "misses", "size"})
    record CacheFigures(long hits, long misses, long size) {}

    /** What an about-page action did: {@code {"action":…,"message":…}}. */
    @JsonPropertyOrder({"action", "message"})
    record ActionDone(String action, String message) {}

    private String version() {
        String version = AboutController.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @SuppressWarnings("unchecked")
    private static String html(Map<String, Object> about) {
        StringBuilder rows = new StringBuilder();
        about.forEach((name, value) -> {
            if (!"caches".equals(name) && !"notEmulated".equals(name)) {
                rows.append("<tr><th>")
                        .append(HtmlUtils.htmlEscape(name))
                        .append("</th><td>")
                        .append(HtmlUtils.htmlEscape(
                                String.valueOf(value instanceof List<?> list && list.isEmpty() ? "" : value)))
                        .append("</td></tr>");
            }
        });
        StringBuilder caches = new StringBuilder();
        ((Map<String, CacheFigures>) about.get("caches"))
                .forEach((name, stats) -> caches.append("<tr><th>")
                        .append(name)
                        .append("</th><td>")
                        .append(stats.hits())
                        .append("</td><td>")
                        .append(stats.misses())
                        .append("</td><td>")
                        .append(stats.size())
                        .append("</td></tr>"));
        StringBuilder notEmulated = new StringBuilder();
        ((Map<String, Long>) about.get("notEmulated"))
                .forEach((feature, count) -> notEmulated
                        .append("<tr><td>")
                        .append(HtmlUtils.htmlEscape(feature))
                        .append("</td><td>")
                        .append(count)
                        .append("</td></tr>"));
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>About this node</title></head><body>"
                + "<h1>About " + HtmlUtils.htmlEscape(String.valueOf(about.get("node"))) + "</h1>"
                + "<table class=\"about\">" + rows + "</table>"
                + "<h2>Caches</h2><table class=\"caches\"><tr><th>cache</th><th>hits</th><th>misses</th><th>size</th></tr>"
                + caches + "</table>"
                + "<h2>Not emulated</h2><p>What this site's templates use that the emulator does not do (the pages render without it):</p>"
                + "<table class=\"not-emulated\"><tr><th>feature</th><th>uses</th></tr>" + notEmulated + "</table>"
                + "<h2>Actions</h2><p>With the admin key (header <code>X-Admin-Key</code>):</p><ul>"
                + "<li><code>POST /_services/about/clear-config</code> reloads the configuration tables from the store</li>"
                + "<li><code>POST /_services/about/clear-cache</code> drops cached business data and web file contents</li></ul>"
                + "</body></html>";
    }
}
