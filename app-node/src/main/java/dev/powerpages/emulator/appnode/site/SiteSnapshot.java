package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Everything the node knows about the website at one moment. Immutable: a refresh builds a new snapshot and
 * swaps it in, so a request renders against one consistent version of the metadata.
 *
 * <p>{@code tables} holds the rows of the site's further tables ({@code site.tables}) for the features that read
 * them; see {@link SiteTables}.
 *
 * <p>Lookups by URL are case-insensitive, as Power Pages' partial URLs are; snippet, setting, site marker,
 * web link set and web template names are matched case-insensitively too.
 *
 * @param pagesByUrl          published root pages by URL (for the site's default language, see {@link #pages()} for
 *                            language-aware lookups)
 * @param snippets            the snippets of the default language (language-specific over language-agnostic ones)
 * @param webLinkSets         the link sets of the default language (and those without a language)
 * @param website             every column of the {@code adx_website} row ({@code website.<column>})
 * @param languages           the website's languages and how visitors choose one
 * @param pages               the page tree, language-aware
 * @param snippetsByLanguage  per website language id: that language's snippets over the language-agnostic ones
 * @param webLinkSetsByLanguage per website language id: that language's link sets (and those without a language)
 * @param enhancedDataModel   the site was read through the enhanced data model's {@code mspp_} tables
 * @param publishingStates    publishing state id (lower case) → whether visitors see rows in it ({@code adx_isvisible})
 */
public record SiteSnapshot(
        String websiteId,
        String websiteName,
        Map<String, WebPage> pagesById,
        Map<String, WebPage> pagesByUrl,
        Map<String, List<WebPage>> childrenByParentId,
        Map<String, PageTemplate> pageTemplatesById,
        Map<String, WebTemplate> webTemplatesById,
        Map<String, WebTemplate> webTemplatesByName,
        Map<String, String> snippets,
        Map<String, String> settings,
        Map<String, String> siteMarkerPageIds,
        Map<String, WebLinkSet> webLinkSets,
        Map<String, WebFile> webFilesByUrl,
        SitePermissions permissions,
        SiteTables tables,
        Instant loadedAt,
        StoreRow website,
        SiteLanguages languages,
        SitePages pages,
        Map<String, Map<String, String>> snippetsByLanguage,
        Map<String, Map<String, WebLinkSet>> webLinkSetsByLanguage,
        boolean enhancedDataModel,
        Map<String, Boolean> publishingStates) {

    public static final Comparator<WebPage> DISPLAY_ORDER = Comparator.comparingInt(WebPage::displayOrder)
            .thenComparing(WebPage::name, Comparator.nullsLast(Comparator.naturalOrder()));

    /** A snapshot of a site without languages (tests, older callers). */
    public SiteSnapshot(
            String websiteId,
            String websiteName,
            Map<String, WebPage> pagesById,
            Map<String, WebPage> pagesByUrl,
            Map<String, List<WebPage>> childrenByParentId,
            Map<String, PageTemplate> pageTemplatesById,
            Map<String, WebTemplate> webTemplatesById,
            Map<String, WebTemplate> webTemplatesByName,
            Map<String, String> snippets,
            Map<String, String> settings,
            Map<String, String> siteMarkerPageIds,
            Map<String, WebLinkSet> webLinkSets,
            Map<String, WebFile> webFilesByUrl,
            SitePermissions permissions,
            SiteTables tables,
            Instant loadedAt) {
        this(
                websiteId,
                websiteName,
                pagesById,
                pagesByUrl,
                childrenByParentId,
                pageTemplatesById,
                webTemplatesById,
                webTemplatesByName,
                snippets,
                settings,
                siteMarkerPageIds,
                webLinkSets,
                webFilesByUrl,
                permissions,
                tables,
                loadedAt,
                null,
                SiteLanguages.NONE,
                new SitePages(pagesById.values(), webFilesByUrl.values()),
                Map.of(),
                Map.of(),
                false,
                Map.of());
    }

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

    /** The page template of a page (content pages have their own, usually their root's). */
    public Optional<PageTemplate> pageTemplateOf(WebPage page) {
        return Optional.ofNullable(page.pageTemplateId()).map(pageTemplatesById::get);
    }

    /** The page a template renders with: page → page template → web template. */
    public Optional<WebTemplate> webTemplateOf(WebPage page) {
        return pageTemplateOf(page).map(PageTemplate::webTemplateId).map(webTemplatesById::get);
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

    /** A site setting read as Power Pages' {@code boolean} filter reads it ({@code true}/{@code false}, any case). */
    public Optional<Boolean> booleanSetting(String name) {
        return setting(name)
                .map(String::strip)
                .filter(value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))
                .map(Boolean::parseBoolean);
    }

    /** Whether a row in this publishing state is shown to visitors: no state, or a visible one. */
    public boolean visibleState(String publishingStateId) {
        return publishingStateId == null
                || publishingStates.getOrDefault(publishingStateId.toLowerCase(Locale.ROOT), false);
    }

    /** The snippets a visitor of {@code language} sees: that language's, then the language-agnostic ones. */
    public Map<String, String> snippets(WebsiteLanguage language) {
        return language == null
                ? snippets
                : snippetsByLanguage.getOrDefault(language.id().toLowerCase(Locale.ROOT), snippets);
    }

    /** The web link sets a visitor of {@code language} sees. */
    public Map<String, WebLinkSet> webLinkSets(WebsiteLanguage language) {
        return language == null
                ? webLinkSets
                : webLinkSetsByLanguage.getOrDefault(language.id().toLowerCase(Locale.ROOT), webLinkSets);
    }

    /**
     * A page's URL as a visitor of {@code language} sees it: with the language code in front when the site puts
     * codes into URLs ({@code /fr-FR/about/}).
     */
    public String urlOf(WebPage page, WebsiteLanguage language) {
        return localizedUrl(page.url(), language);
    }

    /** A site-relative URL with the visitor's language code in front where the site puts codes into URLs. */
    public String localizedUrl(String url, WebsiteLanguage language) {
        if (url == null || language == null || !languages.codesInUrl() || language.code() == null) {
            return url;
        }
        return "/" + language.code() + (url.startsWith("/") ? url : "/" + url);
    }

    /**
     * The active rows of a further table ({@code site.tables}) that belong to this website: rows naming another
     * website ({@code _adx_websiteid_value}) are left out.
     */
    public List<StoreRow> activeRows(String entitySet) {
        return tables.activeRows(entitySet).stream().filter(this::ofThisWebsite).toList();
    }

    /**
     * The associations of a many-to-many relationship as {@code table1} row id → {@code table2} row ids, read from
     * the relationship's intersect entity set ({@code <relationship>set} with the columns {@code <table1>id} and
     * {@code <table2>id}, as Dataverse's intersect tables have them) when it is among the further tables, and from
     * a list of ids a {@code table1} row holds under the relationship's name (how a site folder writes it).
     *
     * @param table1EntitySet the entity set of {@code table1}, whose rows may list the associations
     */
    public Map<String, Set<String>> associations(
            String relationship, String table1, String table1EntitySet, String table2) {
        Map<String, Set<String>> associated = new HashMap<>();
        String intersect = relationship.toLowerCase(Locale.ROOT) + "set";
        for (StoreRow row : tables.rows(intersect)) {
            String one = row.text(table1 + "id");
            String two = row.text(table2 + "id");
            if (one != null && two != null) {
                associated
                        .computeIfAbsent(one.toLowerCase(Locale.ROOT), id -> new LinkedHashSet<>())
                        .add(two.toLowerCase(Locale.ROOT));
            }
        }
        for (StoreRow row : tables.rows(table1EntitySet)) {
            JsonNode ids = row.json().get(relationship);
            String one = row.text(table1 + "id");
            if (ids != null && ids.isArray() && one != null) {
                for (JsonNode id : ids) {
                    String two = id.isObject() ? id.path(table2 + "id").asString(null) : id.asString(null);
                    if (two != null) {
                        associated
                                .computeIfAbsent(one.toLowerCase(Locale.ROOT), key -> new LinkedHashSet<>())
                                .add(two.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return associated;
    }

    private boolean ofThisWebsite(StoreRow row) {
        String site = row.text("_adx_websiteid_value");
        return site == null || websiteId == null || site.equalsIgnoreCase(websiteId);
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
