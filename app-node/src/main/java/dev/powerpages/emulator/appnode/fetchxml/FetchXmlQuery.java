package dev.powerpages.emulator.appnode.fetchxml;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.web.util.UriUtils;

/**
 * A FetchXML query translated to the store's OData query options.
 *
 * @param entity the table's logical name ({@code <entity name>})
 * @param attributes {@code <attribute>} names; empty for {@code <all-attributes/>} (or none listed)
 * @param filter the OData {@code $filter} of the {@code <filter>}s, or {@code null}
 * @param orderBy the OData {@code $orderby} of the {@code <order>}s, or {@code null}
 * @param top at most this many rows ({@code top}, or the page size {@code count}), or {@code null}
 * @param returnTotalRecordCount {@code returntotalrecordcount="true"}: ask the store for {@code @odata.count}
 */
public record FetchXmlQuery(String entity, List<String> attributes, String filter, String orderBy, Integer top,
        boolean returnTotalRecordCount) {

    /** Dataverse's default entity set name of a table: its logical name pluralised (the inverse of the node's mapping). */
    public String entitySet() {
        if (entity.endsWith("y") && !entity.endsWith("ey") && !entity.endsWith("ay") && !entity.endsWith("oy")) {
            return entity.substring(0, entity.length() - 1) + "ies";
        }
        if (entity.endsWith("s") || entity.endsWith("x")) {
            return entity + "es";
        }
        return entity + "s";
    }

    /** The query options, encoded; one more row than {@code top} is asked for, to tell whether there are more records. */
    public String options(String extraFilter) {
        StringBuilder options = new StringBuilder();
        if (!attributes.isEmpty()) {
            String primaryKey = entity + "id";
            List<String> columns = attributes.contains(primaryKey) ? attributes
                    : java.util.stream.Stream.concat(java.util.stream.Stream.of(primaryKey), attributes.stream()).toList();
            append(options, "$select", String.join(",", columns));
        }
        String combined = filter == null ? extraFilter : extraFilter == null ? filter : "(" + filter + ") and " + extraFilter;
        if (combined != null) {
            append(options, "$filter", combined);
        }
        if (orderBy != null) {
            append(options, "$orderby", orderBy);
        }
        if (top != null) {
            append(options, "$top", String.valueOf(top + 1));
        }
        if (returnTotalRecordCount) {
            append(options, "$count", "true");
        }
        return options.toString();
    }

    private static void append(StringBuilder options, String name, String value) {
        options.append(options.isEmpty() ? "" : "&").append(name).append('=')
                .append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
    }
}
