package dev.powerpages.emulator.appnode.site;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.powerpages.emulator.appnode.store.StoreRow;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows held in memory, answered as the store's Web API would answer them: a site folder's rows (via
 * {@code site-folder}) become entity sets with lookups as {@code _<column>_value}, so a test builds the same
 * {@link SiteSnapshot} the node builds from the store, without a store:
 * {@code new SiteLoader(null, properties).assemble(InMemoryRows.of(SiteFolderReader.read(folder)))}.
 */
public final class InMemoryRows implements RowSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Map<String, List<StoreRow>> rowsByEntitySet = new LinkedHashMap<>();

    /** The rows of a site folder as read by {@code SiteFolderReader}. */
    public static InMemoryRows of(SiteContent content) {
        InMemoryRows rows = new InMemoryRows();
        for (SiteRecord record : content.records()) {
            rows.add(entitySet(record.table()), row(record));
        }
        return rows;
    }

    /** Adds a row, already in the Web API's shape, to an entity set; a {@code null} row makes an empty table. */
    public InMemoryRows add(String entitySet, JsonNode row) {
        List<StoreRow> rows = rowsByEntitySet.computeIfAbsent(entitySet, name -> new ArrayList<>());
        if (row != null) {
            rows.add(new StoreRow(row));
        }
        return this;
    }

    @Override
    public List<StoreRow> rows(String entitySet, String select) {
        List<StoreRow> rows = rowsByEntitySet.get(entitySet);
        if (rows == null) {
            throw new IllegalStateException("The metadata store has no " + entitySet + " table");
        }
        return List.copyOf(rows);
    }

    @Override
    public List<StoreRow> optionalRows(String entitySet, String select) {
        return List.copyOf(rowsByEntitySet.getOrDefault(entitySet, List.of()));
    }

    /** Dataverse's entity set names: the logical name's plural ({@code adx_webpage} → {@code adx_webpages}). */
    static String entitySet(String logicalName) {
        String name = logicalName.toLowerCase(Locale.ROOT);
        if (name.endsWith("s") || name.endsWith("x")) {
            return name + "es";
        }
        return name + "s";
    }

    /**
     * A row as the Web API answers it: the primary key, the columns, lookups ({@code <x>id} columns other than the
     * primary key holding a GUID) as {@code _<x>id_value}, file content base64, {@code statecode} 0 unless written.
     */
    private static ObjectNode row(SiteRecord record) {
        ObjectNode row = JSON.createObjectNode();
        String primaryKey = record.table() + "id";
        row.put(primaryKey, record.id());
        row.put("statecode", 0);
        record.columns().forEach((column, value) -> {
            if (column.equals(primaryKey)) {
                return;
            }
            if (value instanceof String text && column.endsWith("id") && GUID.matcher(text).matches()) {
                row.put("_" + column + "_value", text);
            }
            else if (value instanceof String text) {
                row.put(column, text);
            }
            else if (value instanceof Boolean flag) {
                row.put(column, flag);
            }
            else if (value instanceof Long number) {
                row.put(column, number);
            }
            else if (value instanceof Integer number) {
                row.put(column, number);
            }
            else if (value instanceof BigDecimal number) {
                row.put(column, number);
            }
            else if (value instanceof byte[] bytes) {
                row.put(column, Base64.getEncoder().encodeToString(bytes));
            }
            else if (value instanceof List<?> ids) {
                ArrayNode related = row.putArray(column);
                ids.forEach(id -> related.add(String.valueOf(id)));
            }
            else if (value == null) {
                row.putNull(column);
            }
            else {
                row.put(column, String.valueOf(value));
            }
        });
        return row;
    }
}
