package dev.powerpages.emulator.appnode.search;

import dev.powerpages.emulator.appnode.site.InMemoryRows;
import dev.powerpages.emulator.appnode.site.SiteLoader;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.TestSiteProperties;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small site written row by row in the Web API's shape, assembled into the snapshot the node would build from the
 * store ({@link SiteLoader#assemble}): a home page rendering its page's web template, and whatever pages, settings,
 * snippets, site markers and permissions a test adds.
 */
public final class TestSite {

    public static final String WEBSITE = "10000000-0000-4000-8000-000000000001";
    public static final String PUBLISHED = "20000000-0000-4000-8000-000000000001";
    public static final String DRAFT = "20000000-0000-4000-8000-000000000002";
    public static final String HOME = "30000000-0000-4000-8000-000000000001";
    public static final String ANONYMOUS_ROLE = "50000000-0000-4000-8000-000000000001";
    public static final String AUTHENTICATED_ROLE = "50000000-0000-4000-8000-000000000002";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InMemoryRows rows = new InMemoryRows();
    private int pageTemplates;

    public TestSite() {
        rows.add("adx_websites", row("adx_websiteid", WEBSITE, "adx_name", "Test Site"));
        rows.add(
                "adx_publishingstates",
                row("adx_publishingstateid", PUBLISHED, "adx_name", "Published", "adx_isvisible", true));
        rows.add(
                "adx_publishingstates",
                row("adx_publishingstateid", DRAFT, "adx_name", "Draft", "adx_isvisible", false));
        rows.add(
                "adx_webroles",
                row(
                        "adx_webroleid",
                        ANONYMOUS_ROLE,
                        "adx_name",
                        "Anonymous Users",
                        "adx_anonymoususersrole",
                        true,
                        "adx_authenticatedusersrole",
                        false));
        rows.add(
                "adx_webroles",
                row(
                        "adx_webroleid",
                        AUTHENTICATED_ROLE,
                        "adx_name",
                        "Authenticated Users",
                        "adx_anonymoususersrole",
                        false,
                        "adx_authenticatedusersrole",
                        true));
        for (String table : List.of(
                "adx_webpages",
                "adx_pagetemplates",
                "adx_webtemplates",
                "adx_contentsnippets",
                "adx_sitesettings",
                "adx_sitemarkers",
                "adx_weblinksets",
                "adx_weblinks",
                "adx_webfiles",
                "annotations",
                "adx_entitypermissions")) {
            rows.add(table, null);
        }
        page(HOME, "Home", "Home", "/", null, "", true);
    }

    /** A page rendering {@code template} (its own web template and page template), under the home page. */
    public TestSite page(
            String id,
            String name,
            String title,
            String partialUrl,
            String parentId,
            String template,
            boolean published) {
        return page(id, name, title, partialUrl, parentId, template, published, "");
    }

    private TestSite page(
            String id,
            String name,
            String title,
            String partialUrl,
            String parentId,
            String template,
            boolean published,
            String copy) {
        String templateId = UUID.nameUUIDFromBytes(("template" + id).getBytes()).toString();
        String pageTemplateId =
                UUID.nameUUIDFromBytes(("pagetemplate" + id).getBytes()).toString();
        rows.add(
                "adx_webtemplates",
                row("adx_webtemplateid", templateId, "adx_name", "Template of " + name, "adx_source", template));
        rows.add(
                "adx_pagetemplates",
                row(
                        "adx_pagetemplateid",
                        pageTemplateId,
                        "adx_name",
                        "Page template " + (++pageTemplates),
                        "_adx_webtemplateid_value",
                        templateId,
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false));
        rows.add(
                "adx_webpages",
                row(
                        "adx_webpageid",
                        id,
                        "adx_name",
                        name,
                        "adx_title",
                        title,
                        "adx_partialurl",
                        partialUrl,
                        "_adx_parentpageid_value",
                        parentId,
                        "_adx_pagetemplateid_value",
                        pageTemplateId,
                        "_adx_websiteid_value",
                        WEBSITE,
                        "_adx_publishingstateid_value",
                        published ? PUBLISHED : DRAFT,
                        "adx_copy",
                        copy));
        return this;
    }

    /** A page with copy (the text search finds). */
    public TestSite contentPage(String id, String title, String partialUrl, String copy, boolean published) {
        return page(id, title, title, partialUrl, HOME, "{{ page.copy }}", published, copy);
    }

    public TestSite template(String name, String source) {
        rows.add(
                "adx_webtemplates",
                row("adx_webtemplateid", UUID.randomUUID().toString(), "adx_name", name, "adx_source", source));
        return this;
    }

    public TestSite setting(String name, String value) {
        rows.add(
                "adx_sitesettings",
                row("adx_sitesettingid", UUID.randomUUID().toString(), "adx_name", name, "adx_value", value));
        return this;
    }

    public TestSite snippet(String name, String value) {
        rows.add(
                "adx_contentsnippets",
                row("adx_contentsnippetid", UUID.randomUUID().toString(), "adx_name", name, "adx_value", value));
        return this;
    }

    public TestSite siteMarker(String name, String pageId) {
        rows.add(
                "adx_sitemarkers",
                row("adx_sitemarkerid", UUID.randomUUID().toString(), "adx_name", name, "_adx_pageid_value", pageId));
        return this;
    }

    /** A table permission (Global scope unless {@code scope} says otherwise) for one web role. */
    public TestSite permission(
            String table, String roleId, int scope, boolean read, boolean create, boolean write, boolean delete) {
        ObjectNode permission = row(
                "adx_entitypermissionid",
                UUID.randomUUID().toString(),
                "adx_entityname",
                table + " permission",
                "adx_entitylogicalname",
                table,
                "adx_scope",
                scope,
                "adx_read",
                read,
                "adx_create",
                create,
                "adx_write",
                write,
                "adx_delete",
                delete);
        // The N:N as a site folder writes it.
        permission.putArray("adx_entitypermission_webrole").add(roleId);
        rows.add("adx_entitypermissions", permission);
        return this;
    }

    public SiteSnapshot snapshot() {
        SiteProperties properties = TestSiteProperties.defaults();
        return new SiteLoader(null, properties).assemble(rows);
    }

    static ObjectNode row(Object... columnsAndValues) {
        ObjectNode row = JSON.createObjectNode();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            Object value = columnsAndValues[i + 1];
            String column = (String) columnsAndValues[i];
            if (value == null) {
                row.putNull(column);
            } else if (value instanceof Boolean flag) {
                row.put(column, flag);
            } else if (value instanceof Integer number) {
                row.put(column, number);
            } else {
                row.put(column, String.valueOf(value));
            }
        }
        row.put("statecode", 0);
        return row;
    }
}
