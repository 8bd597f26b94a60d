package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a site kept in Power Pages' <em>enhanced data model</em> as if it were in the standard one. In the enhanced
 * model the site lives in {@code powerpagesite}/{@code powerpagecomponent} rows, which Dataverse shows through the
 * {@code mspp_} tables: one per standard {@code adx_} table, with the same columns under {@code mspp_} names
 * (Microsoft Learn, "Enhanced data model": {@code adx_webpage} ↔ {@code mspp_webpage}, lookups
 * {@code _mspp_parentpageid_value} …). The loader asks for {@code adx_webpages}; this source answers the rows of
 * {@code mspp_webpages} with every {@code mspp_} column renamed {@code adx_}, so one loader serves both models.
 *
 * <p>What has no {@code mspp_} counterpart: portal languages (an enhanced website language carries its own code,
 * LCID and display name, which read as {@code adx_languagecode} …) and web file notes (a component keeps its file in
 * {@code powerpagecomponents(<id>)/filecontent}): both read as empty.
 */
final class EnhancedDataModel implements RowSource {

    private static final String STANDARD = "adx_";
    private static final String ENHANCED = "mspp_";

    private final RowSource enhanced;

    EnhancedDataModel(RowSource enhanced) {
        this.enhanced = enhanced;
    }

    @Override
    public List<StoreRow> rows(String entitySet, String select) {
        String mapped = entitySet(entitySet);
        if (mapped == null) {
            return List.of();
        }
        return enhanced.rows(mapped, select(select)).stream()
                .map(EnhancedDataModel::standard)
                .toList();
    }

    @Override
    public List<StoreRow> optionalRows(String entitySet, String select) {
        String mapped = entitySet(entitySet);
        if (mapped == null) {
            return List.of();
        }
        return enhanced.optionalRows(mapped, select(select)).stream()
                .map(EnhancedDataModel::standard)
                .toList();
    }

    @Override
    public void prefetch(String entitySet, String select) {
        String mapped = entitySet(entitySet);
        if (mapped != null) {
            enhanced.prefetch(mapped, select(select));
        }
    }

    /** The enhanced model's entity set for a standard one; {@code null} where it has none. */
    static String entitySet(String standardEntitySet) {
        if ("annotations".equals(standardEntitySet) || "adx_portallanguages".equals(standardEntitySet)) {
            return null;
        }
        if (standardEntitySet.startsWith(STANDARD)) {
            return ENHANCED + standardEntitySet.substring(STANDARD.length());
        }
        return standardEntitySet;
    }

    private static String select(String select) {
        if (select == null) {
            return null;
        }
        StringBuilder mapped = new StringBuilder();
        for (String column : select.split(",")) {
            if (!mapped.isEmpty()) {
                mapped.append(',');
            }
            mapped.append(enhancedColumn(column.strip()));
        }
        return mapped.toString();
    }

    private static String enhancedColumn(String column) {
        if (column.startsWith(STANDARD)) {
            return ENHANCED + column.substring(STANDARD.length());
        }
        if (column.startsWith("_" + STANDARD)) {
            return "_" + ENHANCED + column.substring(STANDARD.length() + 1);
        }
        return column;
    }

    /** A row of an {@code mspp_} table with its columns under their {@code adx_} names. */
    static StoreRow standard(StoreRow row) {
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> column : row.json().properties()) {
            renamed.set(standardColumn(column.getKey()), column.getValue());
        }
        return new StoreRow(renamed);
    }

    private static String standardColumn(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        if (lower.startsWith(ENHANCED)) {
            return STANDARD + column.substring(ENHANCED.length());
        }
        if (lower.startsWith("_" + ENHANCED)) {
            return "_" + STANDARD + column.substring(ENHANCED.length() + 1);
        }
        return column;
    }
}
