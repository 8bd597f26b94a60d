package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.site.InMemoryRows;
import dev.powerpages.emulator.appnode.site.SiteLoader;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.TestSiteProperties;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small site written row by row as the store answers it: pages whose web template is given, web roles, table
 * permissions and the rows of the form and list tables. {@link #snapshot()} builds the snapshot the node would.
 */
public final class FixtureSite {

    public static final String WEBSITE = "10000000-0000-4000-8000-000000000001";
    public static final String HOME = "30000000-0000-4000-8000-000000000001";
    public static final String ANONYMOUS = "80000000-0000-4000-8000-000000000001";
    public static final String AUTHENTICATED = "80000000-0000-4000-8000-000000000002";
    public static final String MANAGERS = "80000000-0000-4000-8000-000000000003";
    public static final List<String> TABLES = List.of(
            "adx_entityforms",
            "adx_entityformmetadatas",
            "adx_webforms",
            "adx_webformsteps",
            "adx_webformmetadatas",
            "adx_entitylists");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InMemoryRows rows = new InMemoryRows();
    private int pages;
    private int permissions;

    public FixtureSite() {
        rows.add("adx_websites", row("adx_websiteid", WEBSITE, "adx_name", "Contoso"));
        page(HOME, null, "/", "Home");
        for (String entitySet : List.of(
                "adx_publishingstates",
                "adx_contentsnippets",
                "adx_sitesettings",
                "adx_sitemarkers",
                "adx_weblinks",
                "adx_weblinksets",
                "annotations",
                "adx_webfiles")) {
            rows.add(entitySet, null);
        }
        rows.add(
                "adx_webroles",
                row("adx_webroleid", ANONYMOUS, "adx_name", "Anonymous Users", "adx_anonymoususersrole", true));
        rows.add(
                "adx_webroles",
                row(
                        "adx_webroleid",
                        AUTHENTICATED,
                        "adx_name",
                        "Authenticated Users",
                        "adx_authenticatedusersrole",
                        true));
        rows.add("adx_webroles", row("adx_webroleid", MANAGERS, "adx_name", "Managers"));
    }

    /** A page under the home page whose web template is {@code source}; answers its URL. */
    public String page(String partialUrl, String source) {
        String id = String.format("30000000-0000-4000-8000-%012d", ++pages + 1);
        page(id, HOME, partialUrl, source);
        return "/" + partialUrl + "/";
    }

    private void page(String id, String parent, String partialUrl, String source) {
        String template = "50" + id.substring(2);
        String pageTemplate = "60" + id.substring(2);
        rows.add(
                "adx_webtemplates",
                row(
                        "adx_webtemplateid",
                        template,
                        "adx_name",
                        "Template " + partialUrl,
                        "adx_source",
                        source == null ? "home" : source));
        rows.add(
                "adx_pagetemplates",
                row(
                        "adx_pagetemplateid",
                        pageTemplate,
                        "adx_name",
                        "Page template " + partialUrl,
                        "_adx_webtemplateid_value",
                        template,
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false));
        ObjectNode page = row(
                "adx_webpageid",
                id,
                "adx_name",
                partialUrl,
                "adx_partialurl",
                partialUrl,
                "_adx_pagetemplateid_value",
                pageTemplate,
                "_adx_websiteid_value",
                WEBSITE);
        if (parent != null) {
            page.put("_adx_parentpageid_value", parent);
        }
        rows.add("adx_webpages", page);
    }

    /** A table permission of one web role: scope and privileges ({@code "read"}, {@code "create"}, {@code "write"}). */
    public FixtureSite permission(String role, String table, int scope, String... privileges) {
        ObjectNode row = row(
                "adx_entitypermissionid",
                String.format("23000000-0000-4000-8000-%012d", ++permissions),
                "adx_entityname",
                table + " " + permissions,
                "adx_entitylogicalname",
                table,
                "adx_scope",
                scope,
                "_adx_webroleid_value",
                role);
        // The store's simplified lookup and Power Pages' N:N (as a site folder lists it): loaders read either.
        row.putArray("adx_entitypermission_webrole").add(role);
        for (String privilege : List.of("read", "create", "write", "delete")) {
            row.put("adx_" + privilege, List.of(privileges).contains(privilege));
        }
        rows.add("adx_entitypermissions", row);
        return this;
    }

    public FixtureSite add(String entitySet, ObjectNode row) {
        rows.add(entitySet, row);
        return this;
    }

    public SiteSnapshot snapshot() {
        return new SiteLoader(null, TestSiteProperties.withTables(TABLES)).assemble(rows);
    }

    /** A row from column/value pairs (strings, numbers, booleans). */
    public static ObjectNode row(Object... namesAndValues) {
        ObjectNode row = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value instanceof Integer number) {
                row.put(name, number);
            } else if (value instanceof Boolean flag) {
                row.put(name, flag);
            } else if (value == null) {
                row.putNull(name);
            } else {
                row.put(name, String.valueOf(value));
            }
        }
        return row;
    }
}
