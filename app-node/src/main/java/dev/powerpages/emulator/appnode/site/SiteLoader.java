package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreRow;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads the website's metadata from the store and assembles a {@link SiteSnapshot}: page URLs from the partial URLs
 * of the ancestors, publishing states resolved, content pages per language joined to their root pages, web files
 * placed under their parent page's URL, snippets and link sets per language.
 *
 * <p>Both of Power Pages' data models are read: the standard one ({@code adx_} tables) and, when the store holds no
 * standard website but an {@code mspp_websites} row, the enhanced one through {@link EnhancedDataModel}. Every
 * column of the core tables is read (no {@code $select}): templates address any of them ({@code page.adx_summary},
 * {@code website.adx_name}), and a store that lacks a column still answers.
 */
@Component
public class SiteLoader {

    /**
     * Reads of one load in flight at once. A load reads some thirty tables; one after another they cost the sum of
     * their round trips (1.5-2.5 s for the demo site on a node's first, cold load while the stack starts), a few side
     * by side about a quarter of that. Few, since the store serves both regions and the bulkhead
     * ({@code resilience4j.bulkhead.instances.metadataStore}) bounds what one node may hold of it.
     */
    static final int LOAD_THREADS = 4;

    /** The tables {@link #assemble} reads after the website row, in the order it reads them (web file notes apart). */
    private static final List<String> CORE_TABLES = List.of(
            "adx_publishingstates",
            "adx_sitesettings",
            "adx_portallanguages",
            "adx_websitelanguages",
            "adx_webpages",
            "adx_pagetemplates",
            "adx_webtemplates",
            "adx_sitemarkers",
            "adx_webfiles",
            "adx_contentsnippets",
            "adx_weblinks",
            "adx_weblinksets",
            "adx_webroles",
            "adx_entitypermission_webroleset",
            "adx_entitypermissions");

    /** The notes' columns a load reads: their metadata, not their bodies (fetched when a file is first asked for). */
    private static final String NOTE_COLUMNS = "annotationid,_objectid_value,mimetype,filename,createdon";

    private final StoreClient store;
    private final SiteProperties properties;
    private final Clock clock;
    private final Executor reads;

    public SiteLoader(StoreClient store, SiteProperties properties) {
        this.store = store;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                LOAD_THREADS, LOAD_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "site-load");
                    thread.setDaemon(true);
                    return thread;
                });
        // Idle between loads (a full load is rare once changes are followed): no thread is kept for nothing.
        pool.allowCoreThreadTimeOut(true);
        this.reads = pool;
    }

    /**
     * Reads every configuration table with change tracking requested.
     *
     * @throws StoreUnavailableException when the store cannot be read; {@link IllegalStateException} when it has no such website
     */
    public LoadedSite load() {
        return load(this.store);
    }

    /**
     * {@link #load()} for the node's first snapshot: the store's circuit breaker neither holds it nor counts its
     * failures ({@link StoreClient#bypassingCircuitBreaker()}).
     */
    public LoadedSite loadFirst() {
        return load(this.store.bypassingCircuitBreaker());
    }

    private LoadedSite load(StoreClient client) {
        TrackingReader store = new TrackingReader(client, reads);
        SiteSnapshot snapshot = assemble(store);
        return new LoadedSite(snapshot, Map.copyOf(store.deltaLinks), store.untracked, Map.copyOf(store.read));
    }

    /**
     * Builds a snapshot again from rows already read (the last load's, with the changes its delta links reported
     * applied): no call to the store.
     *
     * @param rows entity set → rows, as {@link LoadedSite#rows()} holds them
     * @throws IllegalStateException when a table the site cannot do without is missing
     */
    public SiteSnapshot reassemble(Map<String, List<StoreRow>> rows) {
        return assemble(new RowSource() {
            @Override
            public List<StoreRow> rows(String entitySet, String select) {
                List<StoreRow> found = rows.get(entitySet);
                if (found == null) {
                    throw new IllegalStateException("The metadata store has no " + entitySet + " table");
                }
                return found;
            }

            @Override
            public List<StoreRow> optionalRows(String entitySet, String select) {
                return rows.getOrDefault(entitySet, List.of());
            }
        });
    }

    /**
     * Builds a snapshot from the rows a source answers: the store's ({@link #load()}) or rows held in memory
     * (tests).
     */
    public SiteSnapshot assemble(RowSource source) {
        RowSource store = source;
        List<StoreRow> websites = active(source.optionalRows("adx_websites", null));
        boolean enhanced = false;
        if (websites.isEmpty()) {
            List<StoreRow> enhancedWebsites = active(source.optionalRows("mspp_websites", null));
            if (!enhancedWebsites.isEmpty()) {
                store = new EnhancedDataModel(source);
                websites = enhancedWebsites.stream()
                        .map(EnhancedDataModel::standard)
                        .toList();
                enhanced = true;
            }
        }
        StoreRow website = website(websites);
        String websiteId = website.text("adx_websiteid");
        Rows rows = new Rows(store, websiteId);
        // The website row was read alone (a store that is down costs one failed call, not a burst that would count
        // against the circuit breaker at once); every other table is asked for now, so that a source reading over
        // the network has a few reads in flight while this method consumes them in order.
        prefetch(store, enhanced);

        Map<String, Boolean> visibleStates = new HashMap<>();
        for (StoreRow state : rows.all("adx_publishingstates")) {
            visibleStates.put(key(state.text("adx_publishingstateid")), state.flag("adx_isvisible", false));
        }
        Map<String, String> settings = nameValues(rows.active("adx_sitesettings"));
        SiteLanguages languages = languages(rows, website, settings, visibleStates);

        List<StoreRow> pageRows = rows.all("adx_webpages");
        Map<String, StoreRow> pageRowsById = new HashMap<>();
        // A deactivated copy may repeat an active page's id (what a studio delete leaves): the active row counts.
        pageRows.forEach(row -> pageRowsById.merge(key(row.text("adx_webpageid")), row, (a, b) -> a.active() ? a : b));
        Map<String, WebPage> pagesById = new LinkedHashMap<>();
        for (StoreRow row : pageRowsById.values()) {
            WebPage page = page(row, pageRowsById, visibleStates);
            pagesById.put(page.id(), page);
        }

        Map<String, PageTemplate> pageTemplates = new HashMap<>();
        for (StoreRow row : rows.active("adx_pagetemplates")) {
            pageTemplates.put(
                    row.text("adx_pagetemplateid"),
                    new PageTemplate(
                            row.text("adx_pagetemplateid"),
                            row.text("adx_name"),
                            row.text("_adx_webtemplateid_value"),
                            integer(row, "adx_type"),
                            row.text("adx_rewriteurl"),
                            row.flag("adx_usewebsiteheaderandfooter", true)));
        }

        Map<String, WebTemplate> templatesById = new HashMap<>();
        Map<String, WebTemplate> templatesByName = caseInsensitive();
        for (StoreRow row : rows.active("adx_webtemplates")) {
            WebTemplate template = new WebTemplate(
                    row.text("adx_webtemplateid"),
                    row.text("adx_name"),
                    row.text("adx_source") == null ? "" : row.text("adx_source"),
                    row.text("adx_mimetype"));
            templatesById.put(template.id(), template);
            if (template.name() != null) {
                templatesByName.putIfAbsent(template.name(), template);
            }
        }

        Map<String, String> siteMarkers = caseInsensitive();
        for (StoreRow row : rows.active("adx_sitemarkers")) {
            if (row.text("adx_name") != null) {
                siteMarkers.putIfAbsent(row.text("adx_name"), row.text("_adx_pageid_value"));
            }
        }

        Map<String, WebFile> webFiles = webFiles(rows, pagesById, visibleStates, enhanced);
        SitePages pages = new SitePages(pagesById.values(), webFiles.values());
        Snippets snippets = snippets(rows.active("adx_contentsnippets"), languages);
        LinkSets linkSets = webLinkSets(rows, pages, languages, visibleStates);
        SitePermissions permissions = permissions(rows);
        Map<String, List<StoreRow>> tables = new HashMap<>(rows.read());
        for (String entitySet : properties.tables() == null ? List.<String>of() : properties.tables()) {
            if (!tables.containsKey(entitySet)) {
                tables.put(entitySet, store.optionalRows(entitySet, null));
            }
        }

        // The language-less views older callers use: published root pages by URL, root children by parent.
        Map<String, WebPage> pagesByUrl = new HashMap<>();
        Map<String, List<WebPage>> children = new HashMap<>();
        for (WebPage page : pagesById.values()) {
            if (!page.root() || !page.active()) {
                continue;
            }
            pagesByUrl.merge(page.url().toLowerCase(Locale.ROOT), page, (a, b) -> a.published() ? a : b);
            if (page.parentId() != null) {
                children.computeIfAbsent(page.parentId(), id -> new ArrayList<>())
                        .add(page);
            }
        }
        children.replaceAll(
                (id, list) -> list.stream().sorted(SiteSnapshot.DISPLAY_ORDER).toList());

        return new SiteSnapshot(
                websiteId,
                website.text("adx_name"),
                Collections.unmodifiableMap(pagesById),
                unmodifiable(pagesByUrl),
                unmodifiable(children),
                unmodifiable(pageTemplates),
                unmodifiable(templatesById),
                unmodifiable(templatesByName),
                snippets.forDefault(),
                unmodifiable(settings),
                unmodifiable(siteMarkers),
                linkSets.forDefault(),
                unmodifiable(webFiles),
                permissions,
                new SiteTables(tables),
                Instant.now(clock),
                website,
                languages,
                pages,
                snippets.byLanguage(),
                linkSets.byLanguage(),
                enhanced,
                unmodifiable(visibleStates));
    }

    /** Every table {@link #assemble} goes on to read, in its order, announced to the source. */
    private void prefetch(RowSource source, boolean enhanced) {
        for (String table : CORE_TABLES) {
            if (table.equals("adx_webfiles") && !enhanced) {
                source.prefetch("annotations", NOTE_COLUMNS);
            }
            source.prefetch(table, null);
        }
        for (String table : properties.tables() == null ? List.<String>of() : properties.tables()) {
            source.prefetch(table, null);
        }
    }

    /**
     * The rows of the core tables that belong to the website served (rows naming no website count as its own). Each
     * table is read once; what was read is also offered to features through {@link SiteSnapshot#tables()}.
     */
    private record Rows(RowSource store, String websiteId, Map<String, List<StoreRow>> read) {

        Rows(RowSource store, String websiteId) {
            this(store, websiteId, new HashMap<>());
        }

        List<StoreRow> all(String entitySet) {
            return read.computeIfAbsent(entitySet, set -> store.rows(set, null)).stream()
                    .filter(this::ofSite)
                    .toList();
        }

        List<StoreRow> active(String entitySet) {
            return all(entitySet).stream().filter(StoreRow::active).toList();
        }

        List<StoreRow> optional(String entitySet) {
            return read.computeIfAbsent(entitySet, set -> store.optionalRows(set, null)).stream()
                    .filter(this::ofSite)
                    .filter(StoreRow::active)
                    .toList();
        }

        private boolean ofSite(StoreRow row) {
            String site = row.text("_adx_websiteid_value");
            return site == null || site.equalsIgnoreCase(websiteId);
        }
    }

    /**
     * The website's languages: each {@code adx_websitelanguage} with the code, LCID and display name of its portal
     * language ({@code adx_portallanguage}; in the enhanced model on the website language itself; failing both,
     * Microsoft's list of supported languages by name or the website's LCID).
     */
    private static SiteLanguages languages(
            Rows rows, StoreRow website, Map<String, String> settings, Map<String, Boolean> visibleStates) {
        Map<String, StoreRow> portalLanguages = new HashMap<>();
        for (StoreRow row : rows.store().optionalRows("adx_portallanguages", null)) {
            if (row.text("adx_portallanguageid") != null) {
                portalLanguages.put(key(row.text("adx_portallanguageid")), row);
            }
        }
        List<WebsiteLanguage> languages = new ArrayList<>();
        for (StoreRow row : rows.optional("adx_websitelanguages")) {
            String portalId = row.text("_adx_portallanguageid_value");
            StoreRow portal = portalLanguages.get(key(portalId));
            StoreRow described = portal != null ? portal : row;
            PortalLanguages.Known known = PortalLanguages.byName(described.text("adx_name"))
                    .or(() -> PortalLanguages.byName(row.text("adx_name")))
                    .or(() -> PortalLanguages.byLcid(website.number("adx_website_language", 0)))
                    .orElse(null);
            String code = firstNonBlank(described.text("adx_languagecode"), known == null ? null : known.code());
            int lcid = described.number("adx_lcid", known == null ? 0 : known.lcid());
            String displayName = firstNonBlank(
                    described.text("adx_displayname"),
                    known == null ? null : known.displayName(),
                    row.text("adx_name"),
                    code);
            // The lookup has no "id" in its name: a store answers _adx_publishingstate_value, a folder
            // adx_publishingstate.
            String state = firstNonBlank(row.text("_adx_publishingstate_value"), row.text("adx_publishingstate"));
            boolean published =
                    state == null || visibleStates.getOrDefault(key(state), !visibleStates.containsKey(key(state)));
            languages.add(new WebsiteLanguage(
                    row.text("adx_websitelanguageid"), row.text("adx_name"), code, lcid, displayName, published));
        }
        if (languages.isEmpty()) {
            return SiteLanguages.NONE;
        }
        String defaultId =
                firstNonBlank(website.text("_adx_defaultlanguage_value"), website.text("adx_defaultlanguage"));
        WebsiteLanguage defaultLanguage = languages.stream()
                .filter(language -> language.id() != null && language.id().equalsIgnoreCase(defaultId))
                .findFirst()
                .orElseGet(() -> languages.stream()
                        .filter(WebsiteLanguage::published)
                        .findFirst()
                        .orElse(languages.get(0)));
        String inUrl = settings.get(SiteLanguages.CODE_IN_URL_SETTING);
        boolean codesInUrl = inUrl != null && !inUrl.isBlank()
                ? Boolean.parseBoolean(inUrl.strip())
                : languages.stream().filter(WebsiteLanguage::published).count() > 1;
        return new SiteLanguages(List.copyOf(languages), defaultLanguage, codesInUrl);
    }

    /**
     * Web roles and table permissions. A permission reaches its web roles through the N:N
     * {@code adx_entitypermission_webrole} (its intersect set, or the list a site folder's row holds); the
     * emulator's older shortcut, the lookup {@code adx_webroleid}, is read too.
     */
    private static SitePermissions permissions(Rows rows) {
        Map<String, SitePermissions.WebRole> roles = new HashMap<>();
        for (StoreRow role : rows.optional("adx_webroles")) {
            roles.put(
                    role.text("adx_webroleid"),
                    new SitePermissions.WebRole(
                            role.text("adx_webroleid"),
                            role.text("adx_name"),
                            role.flag("adx_anonymoususersrole", false),
                            role.flag("adx_authenticatedusersrole", false)));
        }
        Map<String, String> roleIds = new HashMap<>();
        roles.keySet().forEach(id -> roleIds.put(key(id), id));
        Map<String, Set<String>> linked = new HashMap<>();
        for (StoreRow link : rows.store().optionalRows("adx_entitypermission_webroleset", null)) {
            String permission = link.text("adx_entitypermissionid");
            String role = link.text("adx_webroleid");
            if (permission != null && role != null) {
                linked.computeIfAbsent(key(permission), id -> new HashSet<>()).add(key(role));
            }
        }
        List<SitePermissions.Rule> rules = new ArrayList<>();
        for (StoreRow row : rows.optional("adx_entitypermissions")) {
            if (row.text("adx_entitylogicalname") == null) {
                continue;
            }
            Set<String> ruleRoles =
                    new HashSet<>(linked.getOrDefault(key(row.text("adx_entitypermissionid")), Set.of()));
            if (row.text("_adx_webroleid_value") != null) {
                ruleRoles.add(key(row.text("_adx_webroleid_value")));
            }
            JsonNode listed = row.json().get("adx_entitypermission_webrole");
            if (listed != null && listed.isArray()) {
                listed.forEach(id -> ruleRoles.add(
                        key(id.isObject() ? id.path("adx_webroleid").asString() : id.asString())));
            }
            TablePermission privileges = new TablePermission(
                    row.flag("adx_read", false),
                    row.flag("adx_create", false),
                    row.flag("adx_write", false),
                    row.flag("adx_delete", false));
            for (String role : ruleRoles) {
                rules.add(new SitePermissions.Rule(
                        roleIds.getOrDefault(role, role),
                        row.text("adx_entitylogicalname").toLowerCase(Locale.ROOT),
                        (int) row.number("adx_scope", 0),
                        privileges));
            }
        }
        return new SitePermissions(Map.copyOf(roles), List.copyOf(rules));
    }

    private StoreRow website(List<StoreRow> websites) {
        String wanted = properties.websiteName();
        return websites.stream()
                .filter(row -> wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(row.text("adx_name")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        wanted == null || wanted.isBlank()
                                ? "The metadata store has no website"
                                : "The metadata store has no website named '" + wanted + "'"));
    }

    /**
     * A page row with its URL: its parent's URL (computed over root pages, which parents always are) and its own
     * partial URL. Published when it, its root (for a content page) and every ancestor are active and in a visible
     * publishing state.
     */
    private static WebPage page(StoreRow row, Map<String, StoreRow> rowsById, Map<String, Boolean> visibleStates) {
        String rootId = row.text("_adx_rootwebpageid_value");
        JsonNode isRoot = row.json().get("adx_isroot");
        boolean root = isRoot == null || isRoot.isNull() ? rootId == null : isRoot.asBoolean(true);
        boolean published = true;
        if (!root) {
            StoreRow rootRow = rowsById.get(key(rootId));
            published = rootRow != null && rootRow.active();
        }
        Set<String> seen = new HashSet<>();
        List<String> segments = new ArrayList<>();
        // Walk up to the home page (the page without a parent). As in the portal runtime, a page whose chain does not
        // end at the home page ("/") has no URL: a missing parent or a cycle in bad data leaves it unpublished.
        StoreRow current = row;
        while (current != null) {
            if (!seen.add(key(current.text("adx_webpageid")))) {
                published = false;
                break;
            }
            String stateId = current.text("_adx_publishingstateid_value");
            published &= current.active() && (stateId == null || visibleStates.getOrDefault(key(stateId), false));
            String parentId = current.text("_adx_parentpageid_value");
            if (parentId == null) {
                String partial = trimmedPartialUrl(current);
                published &= partial.isEmpty() || "/".equals(partial);
                break;
            }
            String partial = current.text("adx_partialurl");
            if ((partial == null || partial.isBlank()) && current == row && !root) {
                // A content page without a partial URL of its own is at its root page's URL.
                StoreRow rootRow = rowsById.get(key(rootId));
                partial = rootRow == null ? null : rootRow.text("adx_partialurl");
            }
            segments.add(0, trimSlashes(partial));
            current = rowsById.get(key(parentId));
            published &= current != null;
        }
        StringBuilder url = new StringBuilder("/");
        for (String segment : segments) {
            if (!segment.isEmpty()) {
                url.append(segment).append('/');
            }
        }
        return new WebPage(
                row.text("adx_webpageid"),
                row.text("adx_name"),
                row.text("adx_title"),
                row.text("adx_partialurl"),
                row.text("_adx_parentpageid_value"),
                row.text("_adx_pagetemplateid_value"),
                row.text("adx_copy"),
                row.flag("adx_hiddenfromsitemap", false),
                row.number("adx_displayorder", 0),
                url.toString(),
                published,
                row.instant("modifiedon"),
                root,
                root ? null : rootId,
                root ? null : row.text("_adx_webpagelanguageid_value"),
                row.text("adx_summary"),
                row.text("adx_customcss"),
                row.text("adx_customjavascript"),
                row.active(),
                row);
    }

    private static String trimmedPartialUrl(StoreRow row) {
        String partial = row.text("adx_partialurl");
        return partial == null ? "" : partial.strip();
    }

    private static Map<String, String> nameValues(List<StoreRow> rows) {
        Map<String, String> values = caseInsensitive();
        for (StoreRow row : rows) {
            if (row.text("adx_name") != null) {
                values.putIfAbsent(row.text("adx_name"), row.text("adx_value") == null ? "" : row.text("adx_value"));
            }
        }
        return values;
    }

    private record Snippets(Map<String, String> forDefault, Map<String, Map<String, String>> byLanguage) {}

    /**
     * Content snippets per language. As Power Pages' content map looks them up: a snippet of the visitor's language
     * first, then one without a language ("Content snippets can be language-specific or language-agnostic").
     */
    private static Snippets snippets(List<StoreRow> rows, SiteLanguages languages) {
        Map<String, String> agnostic = caseInsensitive();
        Map<String, Map<String, String>> specific = new HashMap<>();
        for (StoreRow row : rows) {
            String name = row.text("adx_name");
            if (name == null) {
                continue;
            }
            String value = row.text("adx_value") == null ? "" : row.text("adx_value");
            String language = row.text("_adx_contentsnippetlanguageid_value");
            if (language == null) {
                agnostic.putIfAbsent(name, value);
            } else {
                specific.computeIfAbsent(key(language), id -> caseInsensitive()).putIfAbsent(name, value);
            }
        }
        Map<String, Map<String, String>> byLanguage = new HashMap<>();
        for (WebsiteLanguage language : languages.all()) {
            Map<String, String> merged = caseInsensitive();
            merged.putAll(agnostic);
            merged.putAll(specific.getOrDefault(key(language.id()), Map.of()));
            byLanguage.put(key(language.id()), unmodifiable(merged));
        }
        Map<String, String> forDefault;
        if (languages.defaultLanguage() != null) {
            forDefault = byLanguage.get(key(languages.defaultLanguage().id()));
        } else {
            // A site without languages whose snippets name one anyway: show them rather than nothing.
            Map<String, String> merged = caseInsensitive();
            specific.values().forEach(values -> values.forEach(merged::putIfAbsent));
            merged.putAll(agnostic);
            forDefault = unmodifiable(merged);
        }
        return new Snippets(forDefault, Map.copyOf(byLanguage));
    }

    private record LinkSets(Map<String, WebLinkSet> forDefault, Map<String, Map<String, WebLinkSet>> byLanguage) {}

    /**
     * Web link sets per language, each link with its child links. As the portal's link set adapter does: on a
     * multilingual site a visitor sees the sets of their language (and, in the emulator, those without a language);
     * inactive links and links in a hidden publishing state are left out; a link to a page is left out when the page
     * is not served in the set's language (its URL would lead nowhere), unless page validation is disabled.
     */
    private static LinkSets webLinkSets(
            Rows rows, SitePages pages, SiteLanguages languages, Map<String, Boolean> visibleStates) {
        Map<String, List<StoreRow>> linksBySet = new HashMap<>();
        for (StoreRow row : rows.all("adx_weblinks")) {
            if (row.active() && visible(row, visibleStates)) {
                linksBySet
                        .computeIfAbsent(key(row.text("_adx_weblinksetid_value")), id -> new ArrayList<>())
                        .add(row);
            }
        }
        Map<String, Map<String, WebLinkSet>> byLanguage = new HashMap<>();
        Map<String, WebLinkSet> languageless = caseInsensitive();
        for (StoreRow row : rows.active("adx_weblinksets")) {
            if (row.text("adx_name") == null || !visible(row, visibleStates)) {
                continue;
            }
            String languageId = row.text("_adx_websitelanguageid_value");
            WebsiteLanguage language = languages.byId(languageId).orElse(null);
            List<StoreRow> setLinks = linksBySet.getOrDefault(key(row.text("adx_weblinksetid")), List.of());
            WebLinkSet set = new WebLinkSet(
                    row.text("adx_weblinksetid"),
                    row.text("adx_name"),
                    row.text("adx_title"),
                    row.text("adx_copy"),
                    languageId,
                    row,
                    links(setLinks, null, pages, language, languages, new HashSet<>()));
            if (language == null) {
                languageless.putIfAbsent(set.name(), set);
            } else {
                byLanguage
                        .computeIfAbsent(key(language.id()), id -> caseInsensitive())
                        .putIfAbsent(set.name(), set);
            }
        }
        Map<String, Map<String, WebLinkSet>> merged = new HashMap<>();
        for (WebsiteLanguage language : languages.all()) {
            Map<String, WebLinkSet> sets = caseInsensitive();
            sets.putAll(languageless);
            sets.putAll(byLanguage.getOrDefault(key(language.id()), Map.of()));
            merged.put(key(language.id()), unmodifiable(sets));
        }
        Map<String, WebLinkSet> forDefault = languages.defaultLanguage() != null
                ? merged.get(key(languages.defaultLanguage().id()))
                : unmodifiable(languageless);
        return new LinkSets(forDefault, Map.copyOf(merged));
    }

    private static List<WebLink> links(
            List<StoreRow> setLinks,
            String parentId,
            SitePages pages,
            WebsiteLanguage language,
            SiteLanguages languages,
            Set<String> seen) {
        List<WebLink> links = new ArrayList<>();
        for (StoreRow row : setLinks) {
            String parent = row.text("_adx_parentweblinkid_value");
            if (parentId == null ? parent != null : !parentId.equalsIgnoreCase(parent)) {
                continue;
            }
            String id = row.text("adx_weblinkid");
            if (id != null && !seen.add(key(id))) {
                continue; // a link listed as its own ancestor
            }
            String external = row.text("adx_externalurl");
            boolean isExternal = external != null && !external.isBlank();
            String pageId = row.text("_adx_pageid_value");
            boolean validatePage = !row.flag("adx_disablepagevalidation", false);
            String url = null;
            if (isExternal) {
                url = external.strip();
            } else if (pageId != null) {
                WebPage target = pages.byId(pageId)
                        .flatMap(page -> pages.localized(page, language))
                        .orElse(null);
                if ((target == null || !target.published()) && validatePage) {
                    continue; // Power Pages leaves out links to pages the visitor cannot see.
                }
                if (target != null) {
                    url = target.url();
                    if (languages.codesInUrl() && language != null && language.code() != null) {
                        url = "/" + language.code() + url;
                    }
                }
            }
            links.add(new WebLink(
                    id,
                    row.text("adx_name"),
                    url,
                    row.number("adx_displayorder", 0),
                    pageId,
                    row.text("adx_description"),
                    isExternal,
                    row.flag("adx_openinnewwindow", false),
                    !row.flag("adx_robotsfollowlink", true),
                    row.flag("adx_displayimageonly", false),
                    row.flag("adx_displaypagechildlinks", false),
                    row.text("adx_imageurl"),
                    row.text("adx_imagealttext"),
                    integer(row, "adx_imageheight"),
                    integer(row, "adx_imagewidth"),
                    validatePage && !isExternal,
                    row,
                    id == null ? List.of() : links(setLinks, id, pages, language, languages, seen)));
        }
        links.sort(Comparator.comparingInt(WebLink::displayOrder));
        return List.copyOf(links);
    }

    /**
     * Web files by URL. Several active rows may claim one URL (two real sites do): the runtime serves the first it
     * finds under the parent page, in the order Dataverse lists the rows of a query without an order, which is the
     * primary key's (SQL Server's uniqueidentifier) order; the emulator picks the same row, see {@link SqlGuidOrder}.
     */
    private static Map<String, WebFile> webFiles(
            Rows rows, Map<String, WebPage> pagesById, Map<String, Boolean> visibleStates, boolean enhanced) {
        // Metadata of the notes only (no documentbody): the bytes are fetched when a file is first requested.
        Map<String, StoreRow> newestNote = new HashMap<>();
        if (!enhanced) {
            for (StoreRow note : rows.store().rows("annotations", NOTE_COLUMNS)) {
                newestNote.merge(key(note.text("_objectid_value")), note, StoreRow::laterCreated);
            }
        }
        Map<String, List<WebFile>> candidates = new HashMap<>();
        for (StoreRow row : rows.active("adx_webfiles")) {
            WebPage parent = pagesById.get(row.text("_adx_parentpageid_value"));
            if (parent != null && !parent.root()) {
                parent = pagesById.getOrDefault(parent.rootId(), parent); // files hang off root pages
            }
            if (parent != null && !parent.published() || !visible(row, visibleStates)) {
                continue;
            }
            String url = (parent == null ? "/" : parent.url()) + trimSlashes(row.text("adx_partialurl"));
            StoreRow note = newestNote.get(key(row.text("adx_webfileid")));
            String fileName = note == null ? null : note.text("filename");
            String mimeType = note == null ? null : note.text("mimetype");
            if (mimeType == null || mimeType.isBlank()) {
                mimeType = MediaTypeFactory.getMediaType(fileName != null ? fileName : url)
                        .orElse(MediaType.APPLICATION_OCTET_STREAM)
                        .toString();
            }
            Instant version = enhanced ? row.instant("modifiedon") : note == null ? null : note.instant("createdon");
            candidates
                    .computeIfAbsent(url.toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                    .add(new WebFile(
                            row.text("adx_webfileid"),
                            row.text("adx_name"),
                            url,
                            mimeType,
                            fileName,
                            version,
                            parent == null ? null : parent.id(),
                            row.flag("adx_hiddenfromsitemap", false),
                            row.number("adx_displayorder", 0),
                            enhanced ? WebFile.Content.COMPONENT_FILE : WebFile.Content.NOTE,
                            row));
        }
        Map<String, WebFile> files = new HashMap<>();
        candidates.forEach((url, claiming) -> files.put(
                url,
                claiming.stream()
                        .min(Comparator.comparing(WebFile::id, SqlGuidOrder.INSTANCE))
                        .orElseThrow()));
        return files;
    }

    /** A row without a publishing state, or in a visible one. */
    private static boolean visible(StoreRow row, Map<String, Boolean> visibleStates) {
        String state = row.text("_adx_publishingstateid_value");
        return state == null || visibleStates.getOrDefault(key(state), false);
    }

    private static Integer integer(StoreRow row, String column) {
        JsonNode value = row.json().get(column);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asInt();
        }
        try {
            return Integer.valueOf(value.asString().strip());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /**
     * The site as loaded and, per table, the delta link to ask what changed since.
     *
     * @param rows every table read (entity set → rows as the store answered them), for {@link #reassemble}
     */
    public record LoadedSite(
            SiteSnapshot snapshot,
            Map<String, String> deltaLinks,
            Set<String> untracked,
            Map<String, List<StoreRow>> rows) {

        /** Every table answered a delta link: changes can be followed instead of reloading on a timer. */
        public boolean tracked() {
            return untracked.isEmpty();
        }
    }

    /**
     * Reads collections with change tracking requested and remembers each one's delta link. A prefetched table is
     * read on the loader's threads and its answer (or failure) handed over when it is asked for; only what is asked
     * for is remembered, so the delta links are those of the tables the snapshot was built from, as without prefetch.
     * Used by one thread (the one assembling) apart from the reads themselves.
     */
    private static final class TrackingReader implements RowSource {

        private final StoreClient store;
        private final Executor reads;
        private final Map<String, CompletableFuture<Optional<StoreClient.Tracked>>> ahead = new HashMap<>();
        private final Map<String, String> deltaLinks = new HashMap<>();
        private final Set<String> untracked = new HashSet<>();
        private final Map<String, List<StoreRow>> read = new HashMap<>();

        TrackingReader(StoreClient store, Executor reads) {
            this.store = store;
            this.reads = reads;
        }

        @Override
        public void prefetch(String entitySet, String select) {
            ahead.computeIfAbsent(
                    entitySet + "?" + select,
                    key -> CompletableFuture.supplyAsync(() -> store.track(entitySet, select), reads));
        }

        private Optional<StoreClient.Tracked> track(String entitySet, String select) {
            CompletableFuture<Optional<StoreClient.Tracked>> prefetched = ahead.remove(entitySet + "?" + select);
            if (prefetched == null) {
                return store.track(entitySet, select);
            }
            try {
                return prefetched.join();
            } catch (CompletionException ex) {
                // The read's own exception (StoreUnavailableException …), as a read on this thread would throw it.
                if (ex.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (ex.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw ex;
            }
        }

        @Override
        public List<StoreRow> rows(String entitySet, String select) {
            StoreClient.Tracked tracked = track(entitySet, select)
                    .orElseThrow(() -> new IllegalStateException("The metadata store has no " + entitySet + " table"));
            remember(entitySet, tracked);
            return tracked.rows();
        }

        @Override
        public List<StoreRow> optionalRows(String entitySet, String select) {
            return track(entitySet, select)
                    .map(tracked -> {
                        remember(entitySet, tracked);
                        return tracked.rows();
                    })
                    .orElse(List.of());
        }

        private void remember(String entitySet, StoreClient.Tracked tracked) {
            read.put(entitySet, tracked.rows());
            if (tracked.deltaLink() == null) {
                untracked.add(entitySet);
            } else {
                deltaLinks.put(entitySet, tracked.deltaLink());
            }
        }
    }

    private static List<StoreRow> active(List<StoreRow> rows) {
        return rows.stream().filter(StoreRow::active).toList();
    }

    private static String key(String id) {
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    private static String trimSlashes(String partialUrl) {
        if (partialUrl == null) {
            return "";
        }
        String trimmed = partialUrl.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static <V> Map<String, V> caseInsensitive() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
        return Collections.unmodifiableMap(map);
    }
}
