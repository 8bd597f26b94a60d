package dev.powerpages.emulator.appnode.lists;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.tables.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Liquid {@code entitylist} and {@code entityview} objects, with the attributes Microsoft's Liquid objects
 * reference lists for them (and {@code id}, {@code name}, {@code adx_name}, which its samples use).
 */
final class ListObjects {

    /** Power Pages' language code of the emulated site (one language: English). */
    static final int LANGUAGE_CODE = 1033;

    private ListObjects() {}

    static Map<String, Object> entityList(SiteSnapshot site, EntityList list, Table table) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", list.id());
        values.put("name", list.name());
        values.put("adx_name", list.name());
        String createUrl = pageUrl(site, list.createPageId());
        String detailUrl = pageUrl(site, list.detailsPageId());
        values.put("create_enabled", createUrl != null);
        values.put("create_url", createUrl);
        values.put("create_label", list.createLabel() != null ? list.createLabel() : "Create");
        values.put("detail_enabled", detailUrl != null);
        values.put("detail_id_parameter", list.detailsIdParameter());
        values.put("detail_label", list.detailsLabel() != null ? list.detailsLabel() : "View details");
        values.put("detail_url", detailUrl);
        values.put(
                "empty_list_text",
                list.emptyListText() != null ? list.emptyListText() : "There are no records to display.");
        values.put("enable_entity_permissions", list.permissionsEnabled());
        values.put("entity_logical_name", list.table());
        values.put("filter_enabled", false);
        values.put("language_code", LANGUAGE_CODE);
        values.put("page_size", list.pageSize());
        values.put("primary_key_name", table != null ? table.primaryKey() : list.primaryKey());
        values.put("search_enabled", list.searchEnabled());
        values.put("search_placeholder", list.searchPlaceholder() != null ? list.searchPlaceholder() : "Search");
        values.put("search_tooltip", list.searchTooltip());
        List<Map<String, Object>> views = new ArrayList<>();
        for (EntityList.View view : list.views()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", view.id());
            entry.put("name", view.name());
            entry.put("entity_logical_name", list.table());
            entry.put("primary_key_logical_name", table != null ? table.primaryKey() : list.primaryKey());
            entry.put("language_code", LANGUAGE_CODE);
            entry.put("columns", table == null ? List.of() : columns(table.editableColumns(), null, false));
            entry.put("sort_expression", null);
            views.add(entry);
        }
        values.put("views", views);
        return values;
    }

    static Map<String, Object> entityView(String id, String name, Table table, ViewPage page) {
        Map<String, Object> values = new LinkedHashMap<>();
        int current = page.query().page();
        int total = page.totalPages();
        values.put("id", id);
        values.put("name", name);
        values.put("entity_logical_name", table.logicalName());
        values.put("primary_key_logical_name", table.primaryKey());
        values.put("language_code", LANGUAGE_CODE);
        values.put("columns", columns(page.columns(), page.sortColumn(), page.sortDescending()));
        values.put("records", page.records());
        values.put("entity_permission_denied", !page.permitted());
        values.put("page", current);
        values.put("page_size", page.query().pageSize());
        values.put("total_records", page.totalRecords());
        values.put("total_pages", total);
        values.put("first_page", total > 0 ? 1 : null);
        values.put("last_page", total > 0 ? total : null);
        values.put("previous_page", current > 1 ? current - 1 : null);
        values.put("next_page", current < total ? current + 1 : null);
        List<Integer> pages = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            pages.add(i);
        }
        values.put("pages", pages);
        values.put(
                "sort_expression",
                page.sortColumn() == null ? null : page.sortColumn() + (page.sortDescending() ? " DESC" : " ASC"));
        return values;
    }

    private static List<Map<String, Object>> columns(
            List<Table.Column> columns, String sortColumn, boolean descending) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Table.Column column : columns) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("logical_name", column.name());
            // Dataverse's display names are not in $metadata: the column is named by its logical name.
            entry.put("name", column.name());
            entry.put("attribute_type", attributeType(column.edmType()));
            entry.put("sort_ascending", column.name() + " ASC");
            entry.put("sort_descending", column.name() + " DESC");
            entry.put("sort_disabled", false);
            entry.put("sorted", column.name().equals(sortColumn) ? (descending ? "DESC" : "ASC") : null);
            entry.put("width", 150);
            list.add(entry);
        }
        return list;
    }

    /** Dataverse's attribute type names for the Edm types the store answers. */
    static String attributeType(String edmType) {
        return switch (edmType) {
            case "Edm.Boolean" -> "boolean";
            case "Edm.Int32", "Edm.Int16" -> "integer";
            case "Edm.Int64" -> "bigint";
            case "Edm.Decimal", "Edm.Double" -> "decimal";
            case "Edm.DateTimeOffset", "Edm.Date" -> "datetime";
            case "Edm.Guid" -> "uniqueidentifier";
            default -> "string";
        };
    }

    private static String pageUrl(SiteSnapshot site, String pageId) {
        return pageId == null
                ? null
                : site.page(pageId).filter(WebPage::published).map(WebPage::url).orElse(null);
    }
}
