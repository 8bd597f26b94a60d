package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Map<String, List<StoreRow>> rowsByEntitySet = new LinkedHashMap<>();

    /**
     * The rows of a site folder as read by {@code SiteFolderReader}; for a site in the enhanced data model also the
     * {@code mspp_} rows the store shows over its components (see {@link #enhancedViews}).
     */
    public static InMemoryRows of(SiteContent content) {
        InMemoryRows rows = new InMemoryRows();
        for (SiteRecord record : content.records()) {
            rows.add(entitySet(record.table()), row(record));
        }
        if (content.dataModel() == DataModel.ENHANCED) {
            enhancedViews(rows, content);
        }
        return rows;
    }

    /** Component types and the mspp_ table each shows as ("Enhanced data model"; the store's schema). */
    private static final Map<Integer, String> VIEWS = Map.ofEntries(
            Map.entry(1, "publishingstate"),
            Map.entry(2, "webpage"),
            Map.entry(3, "webfile"),
            Map.entry(4, "weblinkset"),
            Map.entry(5, "weblink"),
            Map.entry(6, "pagetemplate"),
            Map.entry(7, "contentsnippet"),
            Map.entry(8, "webtemplate"),
            Map.entry(9, "sitesetting"),
            Map.entry(10, "webpageaccesscontrolrule"),
            Map.entry(11, "webrole"),
            Map.entry(12, "websiteaccess"),
            Map.entry(13, "sitemarker"),
            Map.entry(15, "entityform"),
            Map.entry(16, "entityformmetadata"),
            Map.entry(17, "entitylist"),
            Map.entry(18, "entitypermission"),
            Map.entry(19, "webform"),
            Map.entry(20, "webformstep"),
            Map.entry(21, "webformmetadata"),
            Map.entry(24, "pollplacement"),
            Map.entry(28, "columnpermissionprofile"),
            Map.entry(29, "columnpermission"),
            Map.entry(30, "redirect"),
            Map.entry(31, "publishingstatetransitionrule"),
            Map.entry(32, "shortcut"));
    /** The language lookup a component's site language stands for where its content names none. */
    private static final Map<String, String> LANGUAGE_LOOKUPS = Map.of(
            "webpage",
            "webpagelanguageid",
            "contentsnippet",
            "contentsnippetlanguageid",
            "weblinkset",
            "websitelanguageid");

    /**
     * The enhanced data model's {@code mspp_} rows as the store computes them from {@code powerpagesite},
     * {@code powerpagesitelanguage} and {@code powerpagecomponent} (docs/metadata-store.md, "The mspp_ tables"): the
     * id is the source row's, {@code mspp_name} its name, {@code _mspp_websiteid_value} its site, every other column
     * the source row's column or its content JSON's key under {@code mspp_} (a GUID under a key ending in {@code id}
     * as a lookup, {@code _mspp_<key>_value}), a missing language lookup the component's site language.
     */
    static void enhancedViews(InMemoryRows rows, SiteContent content) {
        VIEWS.values().forEach(view -> rows.add("mspp_" + view + "s", null));
        rows.add("mspp_websites", null);
        rows.add("mspp_websitelanguages", null);
        for (SiteRecord record : content.records()) {
            String view = switch (record.table()) {
                case "powerpagesite" -> "website";
                case "powerpagesitelanguage" -> "websitelanguage";
                case "powerpagecomponent" ->
                    record.columns().get("powerpagecomponenttype") instanceof Number type
                            ? VIEWS.get(type.intValue())
                            : null;
                default -> null;
            };
            if (view == null) {
                continue;
            }
            ObjectNode row = JSON.createObjectNode();
            row.put("mspp_" + view + "id", record.id());
            row.put(
                    view.equals("entitypermission") ? "mspp_entityname" : "mspp_name",
                    String.valueOf(record.columns().get("name")));
            Object site = record.table().equals("powerpagesite")
                    ? null
                    : record.columns().get("powerpagesiteid");
            if (site != null) {
                row.put("_mspp_websiteid_value", String.valueOf(site));
            }
            for (String column : List.of("statecode", "statuscode", "languagecode", "lcid", "displayname")) {
                Object value = record.columns().get(column);
                if (value != null) {
                    put(
                            row,
                            column.startsWith("state") || column.startsWith("status") ? column : "mspp_" + column,
                            value);
                }
            }
            if (record.columns().get("content") instanceof String text && !text.isBlank()) {
                JsonNode json = JSON.readTree(text);
                for (Map.Entry<String, JsonNode> entry : json.properties()) {
                    String key = entry.getKey().replaceFirst("^(adx|mspp)_", "");
                    JsonNode value = entry.getValue();
                    if (view.equals("websitelanguage") && key.equals("portallanguageid")) {
                        continue;
                    }
                    if (value.isString()
                            && key.endsWith("id")
                            && GUID.matcher(value.asString()).matches()) {
                        row.put("_mspp_" + key + "_value", value.asString());
                    } else {
                        row.set("mspp_" + key, value);
                    }
                }
            }
            String languageLookup = LANGUAGE_LOOKUPS.get(view);
            Object language = record.columns().get("powerpagesitelanguageid");
            if (languageLookup != null && language != null && !row.has("_mspp_" + languageLookup + "_value")) {
                row.put("_mspp_" + languageLookup + "_value", String.valueOf(language));
            }
            if (!row.has("statecode")) {
                row.put("statecode", 0);
            }
            rows.add("mspp_" + view + "s", row);
        }
    }

    private static void put(ObjectNode row, String column, Object value) {
        if (value instanceof Number number) {
            row.put(column, number.longValue());
        } else {
            row.put(column, String.valueOf(value));
        }
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
        if (name.endsWith("y") && name.length() > 1 && "aeiou".indexOf(name.charAt(name.length() - 2)) < 0) {
            return name.substring(0, name.length() - 1) + "ies"; // adx_urlhistory -> adx_urlhistories
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
            if (value instanceof String text
                    && column.endsWith("id")
                    && GUID.matcher(text).matches()) {
                row.put("_" + column + "_value", text);
            } else if (value instanceof String text) {
                row.put(column, text);
            } else if (value instanceof Boolean flag) {
                row.put(column, flag);
            } else if (value instanceof Long number) {
                row.put(column, number);
            } else if (value instanceof Integer number) {
                row.put(column, number);
            } else if (value instanceof BigDecimal number) {
                row.put(column, number);
            } else if (value instanceof byte[] bytes) {
                row.put(column, Base64.getEncoder().encodeToString(bytes));
            } else if (value instanceof List<?> ids) {
                ArrayNode related = row.putArray(column);
                ids.forEach(id -> related.add(String.valueOf(id)));
            } else if (value == null) {
                row.putNull(column);
            } else {
                row.put(column, String.valueOf(value));
            }
        });
        return row;
    }
}
