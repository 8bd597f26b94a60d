package dev.powerpages.emulator.appnode.site;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the node knows about the website at one moment. Immutable: a refresh builds a new snapshot and
 * swaps it in, so a request renders against one consistent version of the metadata.
 *
 * <p>{@code tables} holds the rows of the site's further tables ({@code site.tables}) for the features that read
 * them; see {@link SiteTables}.
 *
 * <p>Lookups by URL are case-insensitive, as Power Pages' partial URLs are; snippet, setting, site marker,
 * web link set and web template names are matched case-insensitively too.
 */
public record SiteSnapshot(String websiteId, String websiteName, Map<String, WebPage> pagesById,
        Map<String, WebPage> pagesByUrl, Map<String, List<WebPage>> childrenByParentId,
        Map<String, PageTemplate> pageTemplatesById, Map<String, WebTemplate> webTemplatesById,
        Map<String, WebTemplate> webTemplatesByName, Map<String, String> snippets, Map<String, String> settings,
        Map<String, String> siteMarkerPageIds, Map<String, WebLinkSet> webLinkSets,
        Map<String, WebFile> webFilesByUrl, SitePermissions permissions, SiteTables tables, Instant loadedAt) {

    public static final Comparator<WebPage> DISPLAY_ORDER =
            Comparator.comparingInt(WebPage::displayOrder).thenComparing(WebPage::name, Comparator.nullsLast(Comparator.naturalOrder()));

    public Optional<WebPage> page(String id) {
        return Optional.ofNullable(id == null ? null : pagesById.get(id));
    }

    public Optional<WebPage> pageByUrl(String url) {
        return Optional.ofNullable(pagesByUrl.get(url.toLowerCase(Locale.ROOT)));
    }

    public Optional<WebFile> webFileByUrl(String url) {
        return Optional.ofNullable(webFilesByUrl.get(url.toLowerCase(Locale.ROOT)));
    }

    /** Children in display order, whatever their publishing state. */
    public List<WebPage> children(String pageId) {
        return childrenByParentId.getOrDefault(pageId, List.of());
    }

    public Optional<WebTemplate> webTemplate(String name) {
        return Optional.ofNullable(name == null ? null : webTemplatesByName.get(name));
    }

    /** The page a template renders with: page → page template → web template. */
    public Optional<WebTemplate> webTemplateOf(WebPage page) {
        return Optional.ofNullable(page.pageTemplateId())
                .map(pageTemplatesById::get)
                .map(PageTemplate::webTemplateId)
                .map(webTemplatesById::get);
    }

    public Optional<WebPage> siteMarkerPage(String markerName) {
        return page(siteMarkerPageIds.get(markerName));
    }

    /** What anonymous visitors may do with a table (by logical name): Global scope only; nothing when no permission grants it. */
    public TablePermission anonymousPermission(String logicalName) {
        return permissions.access(permissions.anonymousRoleIds(), logicalName).global();
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /**
     * What a feature builds from this snapshot (an index of forms, the sitemap tree, search documents …), built
     * once on first use and kept as long as the snapshot is current. Use a key of the feature's own (its class, or
     * a constant); {@code build} must not ask for the same key.
     */
    public <T> T derived(Object key, Function<SiteSnapshot, T> build) {
        return tables.derived(key, () -> build.apply(this));
    }
}
