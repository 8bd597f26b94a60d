package dev.powerpages.emulator.appnode.site;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreRow;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the website's metadata from the store (standard Power Pages data model names) and assembles a
 * {@link SiteSnapshot}: page URLs from the partial URLs of the ancestors, publishing states resolved, web files
 * placed under their parent page's URL.
 */
@Component
public class SiteLoader {

    private final StoreClient store;
    private final SiteProperties properties;
    private final Clock clock;

    public SiteLoader(StoreClient store, SiteProperties properties) {
        this.store = store;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /**
     * Reads every configuration table with change tracking requested.
     *
     * @throws StoreUnavailableException when the store cannot be read; {@link IllegalStateException} when it has no such website
     */
    public LoadedSite load() {
        TrackingReader store = new TrackingReader(this.store);
        SiteSnapshot snapshot = assemble(store);
        return new LoadedSite(snapshot, Map.copyOf(store.deltaLinks), store.untracked);
    }

    /**
     * Builds a snapshot from the rows a source answers: the store's ({@link #load()}) or rows held in memory
     * (tests).
     */
    public SiteSnapshot assemble(RowSource store) {
        StoreRow website = website(store);
        String websiteId = website.text("adx_websiteid");

        Map<String, Boolean> visibleStates = new HashMap<>();
        for (StoreRow state : store.rows("adx_publishingstates", "adx_publishingstateid,adx_name,adx_isvisible")) {
            visibleStates.put(state.text("adx_publishingstateid"), state.flag("adx_isvisible", false));
        }

        List<StoreRow> pageRows = store.rows("adx_webpages", "adx_webpageid,adx_name,adx_title,adx_partialurl,_adx_parentpageid_value,_adx_pagetemplateid_value,"
                        + "_adx_websiteid_value,_adx_publishingstateid_value,adx_copy,adx_hiddenfromsitemap,"
                        + "adx_displayorder,modifiedon,statecode").stream()
                .filter(row -> row.text("_adx_websiteid_value") == null || websiteId.equals(row.text("_adx_websiteid_value")))
                .toList();
        Map<String, StoreRow> pageRowsById = new HashMap<>();
        pageRows.forEach(row -> pageRowsById.put(row.text("adx_webpageid"), row));

        Map<String, WebPage> pagesById = new LinkedHashMap<>();
        for (StoreRow row : pageRows) {
            pagesById.put(row.text("adx_webpageid"), page(row, pageRowsById, visibleStates));
        }
        Map<String, WebPage> pagesByUrl = new HashMap<>();
        Map<String, List<WebPage>> children = new HashMap<>();
        for (WebPage page : pagesById.values()) {
            // Published pages win a URL clash with a draft of the same URL.
            pagesByUrl.merge(page.url().toLowerCase(Locale.ROOT), page, (a, b) -> a.published() ? a : b);
            if (page.parentId() != null) {
                children.computeIfAbsent(page.parentId(), id -> new ArrayList<>()).add(page);
            }
        }
        children.replaceAll((id, list) -> list.stream().sorted(SiteSnapshot.DISPLAY_ORDER).toList());

        Map<String, PageTemplate> pageTemplates = new HashMap<>();
        for (StoreRow row : active(store.rows("adx_pagetemplates", "adx_pagetemplateid,adx_name,_adx_webtemplateid_value"))) {
            pageTemplates.put(row.text("adx_pagetemplateid"), new PageTemplate(row.text("adx_pagetemplateid"),
                    row.text("adx_name"), row.text("_adx_webtemplateid_value")));
        }

        Map<String, WebTemplate> templatesById = new HashMap<>();
        Map<String, WebTemplate> templatesByName = caseInsensitive();
        for (StoreRow row : active(store.rows("adx_webtemplates", "adx_webtemplateid,adx_name,adx_source,adx_mimetype"))) {
            WebTemplate template = new WebTemplate(row.text("adx_webtemplateid"), row.text("adx_name"),
                    row.text("adx_source") == null ? "" : row.text("adx_source"), row.text("adx_mimetype"));
            templatesById.put(template.id(), template);
            if (template.name() != null) {
                templatesByName.putIfAbsent(template.name(), template);
            }
        }

        Map<String, String> snippets = nameValues(store, "adx_contentsnippets");
        Map<String, String> settings = nameValues(store, "adx_sitesettings");

        Map<String, String> siteMarkers = caseInsensitive();
        for (StoreRow row : active(store.rows("adx_sitemarkers", "adx_name,_adx_pageid_value"))) {
            if (row.text("adx_name") != null) {
                siteMarkers.putIfAbsent(row.text("adx_name"), row.text("_adx_pageid_value"));
            }
        }

        Map<String, WebLinkSet> webLinkSets = webLinkSets(store, pagesById);
        Map<String, WebFile> webFiles = webFiles(store, pagesById);
        SitePermissions permissions = permissions(store);
        Map<String, List<StoreRow>> tables = new HashMap<>();
        for (String entitySet : properties.tables() == null ? List.<String>of() : properties.tables()) {
            tables.put(entitySet, store.optionalRows(entitySet, null));
        }

        return new SiteSnapshot(websiteId, website.text("adx_name"), Map.copyOf(pagesById), Map.copyOf(pagesByUrl),
                Map.copyOf(children), Map.copyOf(pageTemplates), Map.copyOf(templatesById),
                unmodifiable(templatesByName), unmodifiable(snippets), unmodifiable(settings),
                unmodifiable(siteMarkers), unmodifiable(webLinkSets), Map.copyOf(webFiles),
                permissions, new SiteTables(tables), Instant.now(clock));
    }

    /**
     * Web roles and table permissions. Power Pages links permissions to roles through the N:N
     * {@code adx_entitypermission_webrole}; the demo store also has the simpler lookup {@code adx_webroleid}. A
     * permission applies to every role it is linked to either way.
     */
    private static SitePermissions permissions(RowSource store) {
        Map<String, SitePermissions.WebRole> roles = new HashMap<>();
        for (StoreRow role : active(store.optionalRows("adx_webroles",
                "adx_webroleid,adx_name,adx_anonymoususersrole,adx_authenticatedusersrole"))) {
            roles.put(role.text("adx_webroleid"), new SitePermissions.WebRole(role.text("adx_webroleid"), role.text("adx_name"),
                    role.flag("adx_anonymoususersrole", false), role.flag("adx_authenticatedusersrole", false)));
        }
        // The N:N as Dataverse keeps it: its intersect table (a store that has it), or the list of role ids a site
        // folder writes on the permission row (adx_entitypermission_webrole: [...]).
        Map<String, Set<String>> rolesByPermission = new HashMap<>();
        for (StoreRow link : store.optionalRows("adx_entitypermission_webroleset", null)) {
            if (link.text("adx_entitypermissionid") != null && link.text("adx_webroleid") != null) {
                rolesByPermission.computeIfAbsent(link.text("adx_entitypermissionid"), id -> new HashSet<>()).add(link.text("adx_webroleid"));
            }
        }
        List<SitePermissions.Rule> rules = new ArrayList<>();
        for (StoreRow row : active(store.optionalRows("adx_entitypermissions",
                "adx_entitypermissionid,adx_entitylogicalname,adx_scope,adx_read,adx_write,adx_create,adx_delete,_adx_webroleid_value"))) {
            if (row.text("adx_entitylogicalname") == null) {
                continue;
            }
            Set<String> roleIds = new HashSet<>(rolesByPermission.getOrDefault(row.text("adx_entitypermissionid"), Set.of()));
            if (row.text("_adx_webroleid_value") != null) {
                roleIds.add(row.text("_adx_webroleid_value"));
            }
            row.json().path("adx_entitypermission_webrole").forEach(id -> roleIds.add(id.asString()));
            for (String roleId : roleIds) {
                rules.add(new SitePermissions.Rule(roleId,
                        row.text("adx_entitylogicalname").toLowerCase(Locale.ROOT), (int) row.number("adx_scope", 0),
                        new TablePermission(row.flag("adx_read", false), row.flag("adx_create", false),
                                row.flag("adx_write", false), row.flag("adx_delete", false))));
            }
        }
        return new SitePermissions(Map.copyOf(roles), List.copyOf(rules));
    }

    private StoreRow website(RowSource store) {
        List<StoreRow> websites = active(store.rows("adx_websites", "adx_websiteid,adx_name"));
        String wanted = properties.websiteName();
        return websites.stream()
                .filter(row -> wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(row.text("adx_name")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(wanted == null || wanted.isBlank()
                        ? "The metadata store has no website"
                        : "The metadata store has no website named '" + wanted + "'"));
    }

    private static WebPage page(StoreRow row, Map<String, StoreRow> rowsById, Map<String, Boolean> visibleStates) {
        StringBuilder url = new StringBuilder();
        boolean published = true;
        Set<String> seen = new HashSet<>();
        List<String> segments = new ArrayList<>();
        // Walk up to the home page (the page without a parent); a cycle in bad data stops the walk.
        for (StoreRow current = row; current != null && seen.add(current.text("adx_webpageid"));
                current = rowsById.get(current.text("_adx_parentpageid_value"))) {
            String stateId = current.text("_adx_publishingstateid_value");
            published &= current.active() && (stateId == null || visibleStates.getOrDefault(stateId, false));
            if (current.text("_adx_parentpageid_value") != null) {
                segments.add(0, trimSlashes(current.text("adx_partialurl")));
            }
        }
        url.append('/');
        for (String segment : segments) {
            if (!segment.isEmpty()) {
                url.append(segment).append('/');
            }
        }
        return new WebPage(row.text("adx_webpageid"), row.text("adx_name"), row.text("adx_title"),
                row.text("adx_partialurl"), row.text("_adx_parentpageid_value"), row.text("_adx_pagetemplateid_value"),
                row.text("adx_copy"), row.flag("adx_hiddenfromsitemap", false), row.number("adx_displayorder", 0),
                url.toString(), published, row.instant("modifiedon"));
    }

    private static Map<String, String> nameValues(RowSource store, String entitySet) {
        Map<String, String> values = caseInsensitive();
        for (StoreRow row : active(store.rows(entitySet, "adx_name,adx_value"))) {
            if (row.text("adx_name") != null) {
                values.putIfAbsent(row.text("adx_name"), row.text("adx_value") == null ? "" : row.text("adx_value"));
            }
        }
        return values;
    }

    private static Map<String, WebLinkSet> webLinkSets(RowSource store, Map<String, WebPage> pagesById) {
        Map<String, List<WebLink>> linksBySet = new HashMap<>();
        for (StoreRow row : active(store.rows("adx_weblinks", "adx_name,_adx_weblinksetid_value,_adx_pageid_value,adx_externalurl,adx_displayorder"))) {
            WebPage target = row.text("_adx_pageid_value") == null ? null : pagesById.get(row.text("_adx_pageid_value"));
            if (target != null && !target.published()) {
                continue; // Power Pages leaves out links to pages the visitor cannot see.
            }
            String url = target != null ? target.url() : row.text("adx_externalurl");
            linksBySet.computeIfAbsent(row.text("_adx_weblinksetid_value"), id -> new ArrayList<>())
                    .add(new WebLink(row.text("adx_name"), url, row.number("adx_displayorder", 0)));
        }
        Map<String, WebLinkSet> sets = caseInsensitive();
        for (StoreRow row : active(store.rows("adx_weblinksets", "adx_weblinksetid,adx_name"))) {
            String id = row.text("adx_weblinksetid");
            List<WebLink> links = linksBySet.getOrDefault(id, List.of()).stream()
                    .sorted(Comparator.comparingInt(WebLink::displayOrder)).toList();
            if (row.text("adx_name") != null) {
                sets.putIfAbsent(row.text("adx_name"), new WebLinkSet(id, row.text("adx_name"), links));
            }
        }
        return sets;
    }

    private static Map<String, WebFile> webFiles(RowSource store, Map<String, WebPage> pagesById) {
        // Metadata of the notes only (no documentbody): the bytes are fetched when a file is first requested.
        Map<String, StoreRow> newestNote = new HashMap<>();
        for (StoreRow note : store.rows("annotations", "_objectid_value,mimetype,filename,createdon")) {
            newestNote.merge(note.text("_objectid_value"), note, StoreRow::laterCreated);
        }
        Map<String, WebFile> files = new HashMap<>();
        for (StoreRow row : active(store.rows("adx_webfiles", "adx_webfileid,adx_name,adx_partialurl,_adx_parentpageid_value,statecode"))) {
            WebPage parent = pagesById.get(row.text("_adx_parentpageid_value"));
            if (parent != null && !parent.published()) {
                continue;
            }
            String url = (parent == null ? "/" : parent.url()) + trimSlashes(row.text("adx_partialurl"));
            StoreRow note = newestNote.get(row.text("adx_webfileid"));
            String fileName = note == null ? null : note.text("filename");
            String mimeType = note == null ? null : note.text("mimetype");
            if (mimeType == null || mimeType.isBlank()) {
                mimeType = MediaTypeFactory.getMediaType(fileName != null ? fileName : url)
                        .orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
            }
            files.put(url.toLowerCase(Locale.ROOT), new WebFile(row.text("adx_webfileid"), row.text("adx_name"), url,
                    mimeType, fileName, note == null ? null : note.instant("createdon")));
        }
        return files;
    }

    /** The site as loaded and, per table, the delta link to ask what changed since. */
    public record LoadedSite(SiteSnapshot snapshot, Map<String, String> deltaLinks, Set<String> untracked) {

        /** Every table answered a delta link: changes can be followed instead of reloading on a timer. */
        public boolean tracked() {
            return untracked.isEmpty();
        }
    }

    /** Reads collections with change tracking requested and remembers each one's delta link. */
    private static final class TrackingReader implements RowSource {

        private final StoreClient store;
        private final Map<String, String> deltaLinks = new HashMap<>();
        private final Set<String> untracked = new HashSet<>();

        TrackingReader(StoreClient store) {
            this.store = store;
        }

        @Override
        public List<StoreRow> rows(String entitySet, String select) {
            StoreClient.Tracked tracked = store.track(entitySet, select)
                    .orElseThrow(() -> new IllegalStateException("The metadata store has no " + entitySet + " table"));
            remember(entitySet, tracked);
            return tracked.rows();
        }

        @Override
        public List<StoreRow> optionalRows(String entitySet, String select) {
            return store.track(entitySet, select).map(tracked -> {
                remember(entitySet, tracked);
                return tracked.rows();
            }).orElse(List.of());
        }

        private void remember(String entitySet, StoreClient.Tracked tracked) {
            if (tracked.deltaLink() == null) {
                untracked.add(entitySet);
            }
            else {
                deltaLinks.put(entitySet, tracked.deltaLink());
            }
        }
    }

    private static List<StoreRow> active(List<StoreRow> rows) {
        return rows.stream().filter(StoreRow::active).toList();
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
        return java.util.Collections.unmodifiableMap(map);
    }
}
