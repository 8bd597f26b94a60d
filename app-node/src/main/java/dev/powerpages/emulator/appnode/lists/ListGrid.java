package dev.powerpages.emulator.appnode.lists;

import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.tables.Table;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A list as the page shows it (what {@code {% include 'entity_list' key:'…' %}} renders): Power Pages' grid markup —
 * {@code entitylist entity-grid}, the search box in {@code view-toolbar}, the {@code view-grid} table with a
 * {@code data-id} per row and {@code data-attribute} per cell, {@code view-empty} / {@code view-access-denied}
 * messages, and {@code view-pagination}. Power Pages fills the grid from the browser
 * ({@code /_services/entity-grid-data.json}); the emulator writes the rows into the page, and sorting, searching and
 * paging are links and a form with {@code order}, {@code search} and {@code page} query string parameters.
 */
final class ListGrid {

    static final String TAG = "pp_entity_list_grid";

    private ListGrid() {}

    static String html(RenderScope scope, EntityList list, Table table, ViewPage page, Map<String, Object> entityList) {
        String path = scope.request().path();
        String query = scope.request().query();
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"entitylist entity-grid\" data-list-id=\"")
                .append(e(list.id()))
                .append("\" data-entity=\"")
                .append(e(table.logicalName()))
                .append("\" data-view-id=\"")
                .append(e(list.views().isEmpty() ? "" : list.views().get(0).id()))
                .append("\">");
        html.append("<div class=\"view-toolbar grid-actions clearfix\">");
        Object createUrl = entityList.get("create_url");
        if (createUrl != null) {
            html.append("<a href=\"")
                    .append(e(String.valueOf(createUrl)))
                    .append("\" class=\"btn btn-primary pull-right action create-action\">")
                    .append(e(String.valueOf(entityList.get("create_label"))))
                    .append("</a>");
        }
        if (list.searchEnabled()) {
            String search = page.query().search() == null ? "" : page.query().search();
            html.append("<form method=\"get\" action=\"")
                    .append(e(path))
                    .append("\" class=\"entitylist-search\" role=\"search\">")
                    .append(
                            "<div class=\"input-group pull-left\"><input type=\"text\" name=\"search\" class=\"query form-control\" value=\"")
                    .append(e(search))
                    .append("\" placeholder=\"")
                    .append(e(String.valueOf(entityList.get("search_placeholder"))))
                    .append("\" aria-label=\"")
                    .append(e(String.valueOf(entityList.get("search_placeholder"))))
                    .append("\">")
                    .append(
                            "<div class=\"input-group-btn\"><button type=\"submit\" class=\"btn btn-default\" aria-label=\"Search\">")
                    .append("<span class=\"fa fa-search\" aria-hidden=\"true\"></span></button></div></div></form>");
        }
        html.append("</div><div class=\"view-grid\">");
        if (!page.permitted()) {
            html.append("<div class=\"view-access-denied message alert alert-block alert-danger\">")
                    .append("You don't have permissions to view these records.</div>");
        } else if (page.records().isEmpty()) {
            html.append("<div class=\"view-empty message\">")
                    .append(e(String.valueOf(entityList.get("empty_list_text"))))
                    .append("</div>");
        } else {
            html.append("<table aria-live=\"polite\" class=\"table table-striped table-fluid\"><thead><tr>");
            for (Table.Column column : page.columns()) {
                boolean sorted = column.name().equals(page.sortColumn());
                String order = column.name() + (sorted && !page.sortDescending() ? " DESC" : " ASC");
                html.append("<th")
                        .append(sorted ? " class=\"sort-enabled sorted\"" : " class=\"sort-enabled\"")
                        .append("><a href=\"")
                        .append(e(link(path, query, Map.of("order", order, "page", "1"))))
                        .append("\" role=\"button\" aria-label=\"")
                        .append(e(column.name()))
                        .append("\">")
                        .append(e(column.name()))
                        .append("</a></th>");
            }
            Object detailUrl = entityList.get("detail_url");
            if (detailUrl != null) {
                html.append("<th class=\"sort-disabled\"><span class=\"sr-only\">Actions</span></th>");
            }
            html.append("</tr></thead><tbody>");
            for (Map<String, Object> record : page.records()) {
                Object id = record.get("id");
                html.append("<tr data-id=\"")
                        .append(e(String.valueOf(id)))
                        .append("\" data-entity=\"")
                        .append(e(table.logicalName()))
                        .append("\">");
                for (Table.Column column : page.columns()) {
                    Object value = record.get(column.name());
                    html.append("<td data-type=\"")
                            .append(ListObjects.attributeType(column.edmType()))
                            .append("\" data-attribute=\"")
                            .append(e(column.name()))
                            .append("\" data-value=\"")
                            .append(e(value == null ? "" : String.valueOf(value)))
                            .append("\" aria-label=\"")
                            .append(e(column.name()))
                            .append("\">")
                            .append(e(value == null ? "" : String.valueOf(value)))
                            .append("</td>");
                }
                if (detailUrl != null) {
                    html.append("<td><a class=\"details-link\" href=\"")
                            .append(e(detailUrl + "?" + list.detailsIdParameter() + "=" + id))
                            .append("\">")
                            .append(e(String.valueOf(entityList.get("detail_label"))))
                            .append("</a></td>");
                }
                html.append("</tr>");
            }
            html.append("</tbody></table>");
        }
        html.append("</div>");
        if (page.totalPages() > 1) {
            html.append("<div class=\"view-pagination\" data-current-page=\"")
                    .append(page.query().page())
                    .append("\" data-pagesize=\"")
                    .append(page.query().pageSize())
                    .append("\" data-pages=\"")
                    .append(page.totalPages())
                    .append("\"><ul class=\"pagination\">");
            int current = page.query().page();
            pageLink(html, path, query, current - 1, "&laquo;", current <= 1, false);
            for (int number = 1; number <= page.totalPages(); number++) {
                pageLink(html, path, query, number, String.valueOf(number), false, number == current);
            }
            pageLink(html, path, query, current + 1, "&raquo;", current >= page.totalPages(), false);
            html.append("</ul></div>");
        }
        html.append("</div>");
        return html.toString();
    }

    private static void pageLink(
            StringBuilder html, String path, String query, int number, String label, boolean disabled, boolean active) {
        html.append("<li")
                .append(disabled ? " class=\"disabled\"" : active ? " class=\"active\"" : "")
                .append(">");
        if (disabled) {
            html.append("<span>").append(label).append("</span>");
        } else {
            html.append("<a href=\"")
                    .append(e(link(path, query, Map.of("page", String.valueOf(number)))))
                    .append("\"")
                    .append(active ? " aria-current=\"page\"" : "")
                    .append(">")
                    .append(label)
                    .append("</a>");
        }
        html.append("</li>");
    }

    /** The page's URL with some query string parameters set, the others kept (each value encoded once). */
    static String link(String path, String query, Map<String, String> set) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            UriComponentsBuilder.newInstance()
                    .query(query)
                    .build()
                    .getQueryParams()
                    .forEach((name, list) -> {
                        if (!list.isEmpty() && list.get(0) != null) {
                            values.put(
                                    UriUtils.decode(name, StandardCharsets.UTF_8),
                                    UriUtils.decode(list.get(0).replace('+', ' '), StandardCharsets.UTF_8));
                        }
                    });
        }
        values.putAll(set);
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
        List<String> names = List.copyOf(values.keySet());
        for (int i = 0; i < names.size(); i++) {
            builder.queryParam("{n" + i + "}", "{v" + i + "}");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            variables.put("n" + i, names.get(i));
            variables.put("v" + i, values.get(names.get(i)));
        }
        return builder.encode().buildAndExpand(variables).toUriString();
    }

    private static String e(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
