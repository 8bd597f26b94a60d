package dev.powerpages.emulator.appnode.search;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Power Pages' global search over one site snapshot ("Search", Power Pages docs): the published web pages, and —
 * when the site setting {@code Search/EnableAdditionalEntities} is true — the rows of each further table named in
 * {@code Search/Filters} that has its record page site marker {@code <logical name>_SearchResultPage} ({@code Case}
 * for incident, {@code Knowledge Article} for knowledgearticle). {@code Search/Enabled} false turns search off: no
 * results, as the docs say, even on the search page's direct URL.
 *
 * <p>Results a visitor may not read are left out: a table row needs a table permission granting read to one of the
 * visitor's web roles (all web pages are readable; page access control rules belong to the page routing). The
 * index is built once per snapshot ({@link SiteSnapshot#derived}); table rows are read from the store then.
 *
 * <p>Emulator limits: a table's columns come from its rows (Dataverse's "Portal Search" view, which picks the
 * columns, is not in the store), its title is the first of {@code name}, {@code fullname}, {@code title},
 * {@code subject} or a {@code *name} column; at most the store's first page (5,000 rows) of a table is indexed.
 */
@Component
public class SiteSearch {

    private static final Logger log = LoggerFactory.getLogger(SiteSearch.class);
    /** The tables Power Pages indexes out of the box: only the web page is part of the emulated data model. */
    static final Set<String> DEFAULT_TABLES = Set.of(
            "adx_webpage",
            "adx_webfile",
            "knowledgearticle",
            "adx_blog",
            "adx_blogpost",
            "adx_blogpostcomment",
            "adx_communityforum",
            "adx_communityforumthread",
            "adx_communityforumpost",
            "adx_idea",
            "adx_ideacomment",
            "adx_ideaforum",
            "adx_event",
            "adx_eventschedule",
            "adx_issueforum",
            "adx_issue",
            "adx_issuecomment");

    private final StoreClient store;
    private final TableCatalog catalog;

    SiteSearch(StoreClient store, TableCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /**
     * Loads Lucene's classes (about 900) and runs them once on an empty index, so that the first search does not pay
     * for that inside its render time limit. {@link SearchWarmUp} calls it once the site is served: at start it
     * competed with the node's own start and the stack's for the same cores.
     */
    static void warmUp() {
        new SiteSearchIndex(List.of()).search("warm up", null, List.of(), 1, 1, document -> true);
    }

    /** {@code Search/Enabled} (default true). */
    static boolean enabled(SiteSnapshot site) {
        return site.setting("Search/Enabled")
                .map(value -> !value.strip().equalsIgnoreCase("false"))
                .orElse(true);
    }

    SiteSearchIndex index(SiteSnapshot site) {
        return site.derived(SiteSearchIndex.class, snapshot -> new SiteSearchIndex(documents(snapshot)));
    }

    /** Which results the visitor may see: pages always, table rows where their web roles grant read. */
    Predicate<SearchDocument> visibleTo(SiteSnapshot site, SiteUser user) {
        SitePermissions permissions = site.permissions();
        Set<String> roles = user == null ? permissions.anonymousRoleIds() : user.roleIds(permissions);
        return document -> {
            if ("adx_webpage".equals(document.logicalName())) {
                return true;
            }
            SitePermissions.Access access = permissions.access(roles, document.logicalName());
            return access.global().read()
                    || access.readLimitedToSelf()
                            && user != null
                            && document.id().equals(user.contactId());
        };
    }

    private List<SearchDocument> documents(SiteSnapshot site) {
        List<SearchDocument> documents = new ArrayList<>();
        // One result per URL: a root page and its content pages (one per language) share it, and the text is theirs
        // together.
        Map<String, List<WebPage>> pagesByUrl = new LinkedHashMap<>();
        site.pagesById().values().stream()
                .filter(WebPage::published)
                .sorted(SiteSnapshot.DISPLAY_ORDER)
                .forEach(page -> pagesByUrl
                        .computeIfAbsent(page.url().toLowerCase(Locale.ROOT), url -> new ArrayList<>())
                        .add(page));
        for (List<WebPage> pages : pagesByUrl.values()) {
            WebPage served = site.pageByUrl(pages.get(0).url())
                    .filter(WebPage::published)
                    .orElse(pages.get(0));
            String title = pages.stream()
                    .map(WebPage::title)
                    .filter(value -> value != null && !value.isBlank())
                    .findFirst()
                    .orElse(nullToEmpty(served.name()));
            StringBuilder content = new StringBuilder(title);
            pages.stream()
                    .map(page -> text(page.copy()))
                    .filter(text -> !text.isEmpty())
                    .distinct()
                    .forEach(text -> content.append('\n').append(text));
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("adx_name", served.name());
            entity.put("adx_title", served.title());
            entity.put("adx_partialurl", served.partialUrl());
            entity.put("url", served.url());
            documents.add(
                    new SearchDocument("adx_webpage", served.id(), title, served.url(), content.toString(), entity));
        }
        if (site.setting("Search/EnableAdditionalEntities")
                .map(value -> value.strip().equalsIgnoreCase("true"))
                .orElse(false)) {
            for (String table : filterTables(site)) {
                if (!DEFAULT_TABLES.contains(table)) {
                    recordPage(site, table).ifPresent(page -> documents.addAll(rows(table, page)));
                }
            }
        }
        return documents;
    }

    /** Every logical name the {@code Search/Filters} setting names. */
    private static List<String> filterTables(SiteSnapshot site) {
        List<String> tables = new ArrayList<>();
        for (SearchFilterOptions.Option option :
                SearchFilterOptions.parse(site.setting("Search/Filters").orElse(""))) {
            for (String table : option.value().split(",")) {
                if (!table.isBlank() && !tables.contains(table.strip().toLowerCase(Locale.ROOT))) {
                    tables.add(table.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    private static Optional<WebPage> recordPage(SiteSnapshot site, String table) {
        String marker = switch (table) {
            case "incident" -> "Case";
            case "knowledgearticle" -> "Knowledge Article";
            default -> table + "_SearchResultPage";
        };
        return site.siteMarkerPage(marker).filter(WebPage::published);
    }

    private List<SearchDocument> rows(String table, WebPage recordPage) {
        List<SearchDocument> documents = new ArrayList<>();
        String primaryKey = catalog.primaryKey(table);
        JsonNode body;
        try {
            body = store.query(catalog.entitySet(table), "$filter=statecode%20eq%200");
        } catch (RuntimeException ex) {
            log.info(
                    "Search: the rows of {} could not be read from the store ({}); they are not searchable",
                    table,
                    ex.getMessage());
            return documents;
        }
        for (JsonNode row : body.path("value")) {
            String id = row.path(primaryKey).asString(null);
            if (id == null) {
                continue;
            }
            Map<String, Object> entity = new LinkedHashMap<>();
            StringBuilder content = new StringBuilder();
            for (Map.Entry<String, JsonNode> column : row.properties()) {
                if (column.getKey().contains("@") || column.getKey().equals("adx_identity_passwordhash")) {
                    continue;
                }
                JsonNode value = column.getValue();
                entity.put(
                        column.getKey(),
                        value.isNull()
                                ? null
                                : value.isNumber()
                                        ? value.numberValue()
                                        : value.isBoolean() ? value.asBoolean() : value.asString());
                if (value.isString()
                        && !column.getKey().startsWith("_")
                        && !column.getKey().equals(primaryKey)) {
                    content.append(text(value.asString())).append('\n');
                }
            }
            String title = title(row, table);
            documents.add(new SearchDocument(
                    table,
                    id,
                    title,
                    recordPage.url() + "?id=" + id,
                    content.toString().strip(),
                    entity));
        }
        return documents;
    }

    private static String title(JsonNode row, String table) {
        for (String column : List.of("name", "fullname", "title", "subject", table + "_name")) {
            if (row.path(column).isString() && !row.path(column).asString().isBlank()) {
                return row.path(column).asString();
            }
        }
        for (Map.Entry<String, JsonNode> column : row.properties()) {
            if (column.getKey().endsWith("name")
                    && !column.getKey().startsWith("_")
                    && column.getValue().isString()) {
                return column.getValue().asString();
            }
        }
        return table;
    }

    /** The text of HTML: tags and scripts removed, entities decoded, whitespace collapsed. */
    static String text(String html) {
        if (html == null) {
            return "";
        }
        // Liquid in page copy is not text a visitor reads: its tags and outputs are left out.
        String withoutLiquid = html.replaceAll("(?s)\\{%.*?%\\}|\\{\\{.*?\\}\\}", " ");
        String withoutScripts =
                withoutLiquid.replaceAll("(?s)<!--.*?-->", " ").replaceAll("(?is)<(script|style)\\b.*?</\\1\\s*>", " ");
        String withoutTags = withoutScripts.replaceAll("(?s)<[^>]*>", " ");
        return HtmlUtils.htmlUnescape(withoutTags).replaceAll("\\s+", " ").strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
