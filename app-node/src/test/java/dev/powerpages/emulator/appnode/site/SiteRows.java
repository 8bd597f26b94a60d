package dev.powerpages.emulator.appnode.site;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fixture rows for tests of what a site renders: a website with a home page, page templates and web templates, in
 * the Web API's shape (lookups as {@code _x_value}), held by {@link InMemoryRows}. Each method adds one row and
 * answers it, so a test can set further columns ({@code put}) before building the snapshot.
 */
public final class SiteRows {

    public static final String WEBSITE = "10000000-0000-4000-8000-000000000001";
    public static final String PUBLISHED = "11000000-0000-4000-8000-000000000001";
    public static final String DRAFT = "11000000-0000-4000-8000-000000000002";
    public static final String HOME = "14000000-0000-4000-8000-000000000001";
    public static final String PAGE_TEMPLATE = "13000000-0000-4000-8000-000000000001";
    public static final String PAGE_WEB_TEMPLATE = "12000000-0000-4000-8000-000000000001";
    public static final String ENGLISH = "30000000-0000-4000-8000-000000000001";
    public static final String FRENCH = "30000000-0000-4000-8000-000000000002";
    public static final String ABOUT = "14000000-0000-4000-8000-000000000002";
    /** The tables the loader needs besides those the site's rows fill. */
    private static final List<String> CORE = List.of(
            "adx_websites",
            "adx_publishingstates",
            "adx_webpages",
            "adx_pagetemplates",
            "adx_webtemplates",
            "adx_contentsnippets",
            "adx_sitesettings",
            "adx_sitemarkers",
            "adx_weblinks",
            "adx_weblinksets",
            "annotations",
            "adx_webfiles");
    /** Every further table the node reads by default (application.yml's site.tables). */
    public static final List<String> TABLES = List.of(
            "adx_webpageaccesscontrolrules",
            "adx_webpageaccesscontrolrule_webroleset",
            "adx_redirects",
            "adx_urlhistories",
            "adx_ads",
            "adx_adplacements",
            "adx_adplacement_adset",
            "adx_polls",
            "adx_polloptions",
            "adx_pollplacements",
            "adx_pollplacement_pollset");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InMemoryRows rows = new InMemoryRows();
    private final List<ObjectNode> all = new ArrayList<>();

    /**
     * A website "Contoso" with Published/Draft states, a home page at {@code /} and the page template "Page" whose web
     * template prints {@code pageTemplate} (without the website's header and footer).
     */
    public static SiteRows contoso(String pageTemplate) {
        SiteRows site = new SiteRows();
        CORE.forEach(set -> site.rows.add(set, null));
        site.add("adx_websites", "adx_websiteid", WEBSITE, "adx_name", "Contoso");
        site.add(
                "adx_publishingstates",
                "adx_publishingstateid",
                PUBLISHED,
                "adx_name",
                "Published",
                "adx_isvisible",
                true);
        site.add("adx_publishingstates", "adx_publishingstateid", DRAFT, "adx_name", "Draft", "adx_isvisible", false);
        site.webTemplate(PAGE_WEB_TEMPLATE, "Page", pageTemplate);
        site.add(
                "adx_pagetemplates",
                "adx_pagetemplateid",
                PAGE_TEMPLATE,
                "adx_name",
                "Page",
                "adx_type",
                756150001,
                "_adx_webtemplateid_value",
                PAGE_WEB_TEMPLATE,
                "adx_usewebsiteheaderandfooter",
                false);
        site.page(HOME, "Home", "/", null).put("adx_title", "Welcome");
        return site;
    }

    /**
     * {@link #contoso} with English (default) and French: Home and About, each with a content page per language;
     * About's French partial URL is its own ({@code /a-propos/}).
     */
    public static SiteRows bilingual(String pageTemplate) {
        SiteRows site = contoso(pageTemplate);
        site.language(ENGLISH, "English", "en-US", 1033, "English");
        site.language(FRENCH, "French - France", "fr-FR", 1036, "français");
        site.row(WEBSITE).put("_adx_defaultlanguage_value", ENGLISH);
        site.page(ABOUT, "About", "about", HOME);
        site.contentPage("14000000-0000-4000-8000-0000000000e1", HOME, ENGLISH, "Welcome", "/", null);
        site.contentPage("14000000-0000-4000-8000-0000000000f1", HOME, FRENCH, "Bienvenue", "/", null);
        site.contentPage("14000000-0000-4000-8000-0000000000e2", ABOUT, ENGLISH, "About us", "about", HOME);
        site.contentPage("14000000-0000-4000-8000-0000000000f2", ABOUT, FRENCH, "À propos", "a-propos", HOME);
        return site;
    }

    /** A row of any entity set, columns as name/value pairs. */
    public ObjectNode add(String entitySet, Object... namesAndValues) {
        ObjectNode row = JSON.createObjectNode();
        row.put("statecode", 0);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            set(row, (String) namesAndValues[i], namesAndValues[i + 1]);
        }
        rows.add(entitySet, row);
        all.add(row);
        return row;
    }

    /** A published root page using the page template "Page". */
    public ObjectNode page(String id, String name, String partialUrl, String parentId) {
        return add(
                "adx_webpages",
                "adx_webpageid",
                id,
                "adx_name",
                name,
                "adx_partialurl",
                partialUrl,
                "_adx_parentpageid_value",
                parentId,
                "_adx_pagetemplateid_value",
                PAGE_TEMPLATE,
                "_adx_publishingstateid_value",
                PUBLISHED,
                "_adx_websiteid_value",
                WEBSITE);
    }

    /** A content page of a root page in a website language (same parent, partial URL and template as given). */
    public ObjectNode contentPage(
            String id, String rootId, String languageId, String title, String partialUrl, String parentId) {
        return add(
                "adx_webpages",
                "adx_webpageid",
                id,
                "adx_name",
                title,
                "adx_title",
                title,
                "adx_partialurl",
                partialUrl,
                "_adx_parentpageid_value",
                parentId,
                "_adx_pagetemplateid_value",
                PAGE_TEMPLATE,
                "adx_isroot",
                false,
                "_adx_rootwebpageid_value",
                rootId,
                "_adx_webpagelanguageid_value",
                languageId,
                "_adx_publishingstateid_value",
                PUBLISHED,
                "_adx_websiteid_value",
                WEBSITE);
    }

    public ObjectNode webTemplate(String id, String name, String source) {
        return add("adx_webtemplates", "adx_webtemplateid", id, "adx_name", name, "adx_source", source);
    }

    /** A website language with its portal language (code, LCID, display name). */
    public ObjectNode language(String id, String name, String code, int lcid, String displayName) {
        String portalId = "2" + id.substring(1);
        add(
                "adx_portallanguages",
                "adx_portallanguageid",
                portalId,
                "adx_name",
                name,
                "adx_languagecode",
                code,
                "adx_lcid",
                lcid,
                "adx_displayname",
                displayName);
        return add(
                "adx_websitelanguages",
                "adx_websitelanguageid",
                id,
                "adx_name",
                name,
                "_adx_portallanguageid_value",
                portalId,
                "_adx_publishingstate_value",
                PUBLISHED);
    }

    public ObjectNode snippet(String name, String value, String languageId) {
        return add(
                "adx_contentsnippets",
                "adx_contentsnippetid",
                java.util.UUID.randomUUID().toString(),
                "adx_name",
                name,
                "adx_value",
                value,
                "_adx_contentsnippetlanguageid_value",
                languageId);
    }

    public ObjectNode setting(String name, String value) {
        return add(
                "adx_sitesettings",
                "adx_sitesettingid",
                java.util.UUID.randomUUID().toString(),
                "adx_name",
                name,
                "adx_value",
                value);
    }

    public ObjectNode siteMarker(String name, String pageId) {
        return add(
                "adx_sitemarkers",
                "adx_sitemarkerid",
                java.util.UUID.randomUUID().toString(),
                "adx_name",
                name,
                "_adx_pageid_value",
                pageId);
    }

    /** A web file under a page, its content a note with the given MIME type. */
    public ObjectNode webFile(String id, String partialUrl, String parentId, String mimeType) {
        add(
                "annotations",
                "annotationid",
                java.util.UUID.randomUUID().toString(),
                "_objectid_value",
                id,
                "mimetype",
                mimeType,
                "filename",
                partialUrl,
                "createdon",
                "2024-01-01T00:00:00Z");
        return add(
                "adx_webfiles",
                "adx_webfileid",
                id,
                "adx_name",
                partialUrl,
                "adx_partialurl",
                partialUrl,
                "_adx_parentpageid_value",
                parentId,
                "_adx_publishingstateid_value",
                PUBLISHED,
                "adx_hiddenfromsitemap",
                true);
    }

    public ObjectNode webRole(String id, String name, boolean anonymous, boolean authenticated) {
        return add(
                "adx_webroles",
                "adx_webroleid",
                id,
                "adx_name",
                name,
                "adx_anonymoususersrole",
                anonymous,
                "adx_authenticatedusersrole",
                authenticated);
    }

    /** A web page access control rule (1 Grant Change, 2 Restrict Read) on a page with its web roles. */
    public ObjectNode accessRule(String id, String pageId, int right, int scope, String... roleIds) {
        ObjectNode rule = add(
                "adx_webpageaccesscontrolrules",
                "adx_webpageaccesscontrolruleid",
                id,
                "adx_name",
                "Rule " + id,
                "_adx_webpageid_value",
                pageId,
                "adx_right",
                right,
                "adx_scope",
                scope);
        for (String roleId : roleIds) {
            add(
                    "adx_webpageaccesscontrolrule_webroleset",
                    "adx_webpageaccesscontrolrule_webroleid",
                    java.util.UUID.randomUUID().toString(),
                    "adx_webpageaccesscontrolruleid",
                    id,
                    "adx_webroleid",
                    roleId);
        }
        return rule;
    }

    /** The row whose primary key is {@code id}, to change a column. */
    public ObjectNode row(String id) {
        return all.stream()
                .filter(row -> row.properties().stream()
                        .anyMatch(column -> !column.getKey().startsWith("_")
                                && column.getKey().endsWith("id")
                                && id.equals(column.getValue().asString())))
                .findFirst()
                .orElseThrow();
    }

    public InMemoryRows rows() {
        return rows;
    }

    /** The snapshot the node builds from these rows, reading the further tables the node reads by default. */
    public SiteSnapshot snapshot() {
        return loader().assemble(rows);
    }

    public static SiteLoader loader() {
        return new SiteLoader(null, TestSiteProperties.withTables(TABLES));
    }

    private static void set(ObjectNode row, String name, Object value) {
        if (value == null) {
            row.putNull(name);
        } else if (value instanceof Boolean flag) {
            row.put(name, flag);
        } else if (value instanceof Integer number) {
            row.put(name, number);
        } else if (value instanceof String[] ids) {
            ArrayNode array = row.putArray(name);
            for (String id : ids) {
                array.add(id);
            }
        } else {
            row.put(name, String.valueOf(value));
        }
    }
}
