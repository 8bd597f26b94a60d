package dev.powerpages.emulator.appnode.lists;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.tables.Table;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Reads a page of a view's rows through the store, as Power Pages' lists and {@code entityview} do: table
 * permissions of the visitor's web roles apply when the list enables them (no read grant: no rows, and the list
 * says access is denied; Self scope on {@code contact}: the visitor's own row); search matches any text column
 * (Power Pages searches the view's "find" columns, which the emulator does not know); the sort is one column.
 * The view's own columns, filter and order (Dataverse's {@code savedquery}) are not in a site folder: a view shows
 * the table's columns as the store's {@code $metadata} lists them, every row. Rows are business data, cached per user
 * like {@code /_api} reads.
 */
@Component
class ViewQueries {

    private static final Set<String> HIDDEN_COLUMNS = Set.of("adx_identity_passwordhash");
    static final long MAX_ROWS = 5000;

    private final StoreClient store;
    private final BusinessDataCache cache;

    ViewQueries(StoreClient store, BusinessDataCache cache) {
        this.store = store;
        this.cache = cache;
    }

    ViewPage page(SiteSnapshot site, SiteUser user, Table table, boolean permissionsEnabled, ViewQuery query) {
        List<Table.Column> columns = table.editableColumns();
        List<String> filters = new ArrayList<>();
        if (permissionsEnabled) {
            SitePermissions permissions = site.permissions();
            Set<String> roles = user == null ? permissions.anonymousRoleIds() : user.roleIds(permissions);
            SitePermissions.Access access = permissions.access(roles, table.logicalName());
            if (!access.canRead() || access.readLimitedToSelf() && user == null) {
                return new ViewPage(columns, List.of(), 0, query, null, false, false);
            }
            if (access.readLimitedToSelf()) {
                filters.add(table.primaryKey() + " eq " + user.contactId());
            }
        }
        if (query.search() != null && !query.search().isBlank()) {
            // Power Pages' search takes * as a wildcard; contains() already matches anywhere.
            String text = query.search().replace("*", "").replace("'", "''");
            List<String> matches = columns.stream()
                    .filter(column -> "Edm.String".equals(column.edmType()))
                    .map(column -> "contains(" + column.name() + ",'" + text + "')")
                    .toList();
            filters.add(matches.isEmpty() ? "false" : "(" + String.join(" or ", matches) + ")");
        }
        String sortColumn = null;
        boolean descending = false;
        if (query.order() != null) {
            String[] parts = query.order().strip().split("\\s+");
            if (table.column(parts[0]).filter(column -> !column.lookup()).isPresent()) {
                sortColumn = table.column(parts[0]).get().name();
                descending = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
            }
        }
        List<String> select = new ArrayList<>();
        select.add(table.primaryKey());
        columns.forEach(column -> select.add(column.name()));
        // Rows are read from the first up to the page's last; Dataverse answers at most 5,000 rows a request, and so
        // pages beyond the 5,000th row are empty here (Power Pages pages on with paging cookies).
        long top = Math.min((long) query.page() * query.pageSize(), MAX_ROWS);
        StringBuilder options = new StringBuilder("$select=")
                .append(encode(String.join(",", select)))
                .append("&$count=true&$top=")
                .append(top);
        if (!filters.isEmpty()) {
            options.append("&$filter=").append(encode(String.join(" and ", filters)));
        }
        if (sortColumn != null) {
            options.append("&$orderby=").append(encode(sortColumn + (descending ? " desc" : " asc")));
        }
        String request = options.toString();
        JsonNode body = cache.get(
                new BusinessDataCache.Key(
                        user == null ? "anonymous" : user.cacheKey(), table.entitySet(), "entityview:" + request),
                () -> store.query(table.entitySet(), request));
        List<Map<String, Object>> records = new ArrayList<>();
        int skip = (query.page() - 1) * query.pageSize();
        int index = 0;
        for (JsonNode row : body.path("value")) {
            if (index++ >= skip) {
                records.add(record(row, table));
            }
        }
        long total = body.has("@odata.count") ? body.get("@odata.count").asLong() : skip + records.size();
        return new ViewPage(columns, records, total, query, sortColumn, descending, true);
    }

    /** A row as Liquid sees it: columns by logical name, {@code id}, lookups also as {@code column.id}. */
    private static Map<String, Object> record(JsonNode row, Table table) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : row.properties()) {
            String column = property.getKey();
            if (column.contains("@") || HIDDEN_COLUMNS.contains(column)) {
                continue;
            }
            JsonNode value = property.getValue();
            Object plain = value == null || value.isNull()
                    ? null
                    : value.isBoolean()
                            ? (Object) value.asBoolean()
                            : value.isIntegralNumber()
                                    ? (Object) value.asLong()
                                    : value.isNumber() ? (Object) value.decimalValue() : value.asString();
            record.put(column, plain);
        }
        Object id = record.get(table.primaryKey());
        if (id != null) {
            record.put("id", id);
        }
        record.put("logical_name", table.logicalName().toLowerCase(Locale.ROOT));
        return record;
    }

    private static String encode(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }
}
