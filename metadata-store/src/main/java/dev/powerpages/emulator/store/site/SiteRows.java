package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ColumnType;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A site folder's rows as the store's rows, and back. Each record becomes the row it describes: every column of
 * the table set (a column the file does not write is empty, statecode and statuscode Active unless written), ids
 * and lookups as written, the site's own GUIDs. What the schema has no column for is kept beside the row, so that
 * an export writes it back, and counted for the import report. A site folder leaves out the website lookup of its
 * rows (they all belong to the folder's website): the import fills {@code adx_websiteid} (standard model) and
 * {@code powerpagesiteid} (enhanced) from the folder's website row, as Dataverse has them.
 */
final class SiteRows {

    private static final String BYTES = "\u0001bytes";

    private SiteRows() {}

    /**
     * A row as the folder wants it.
     *
     * @param values every column but the key and the store's own, folder values converted
     * @param links  for each many-to-many relationship the file lists, the related ids
     */
    record Desired(
            TableDefinition table,
            UUID id,
            Map<String, Object> values,
            Map<ManyToManyDefinition, List<UUID>> links,
            SiteBook.Entry entry,
            SourceLocation source) {}

    /** Everything an import writes, and what it has to say. */
    record Plan(
            List<Desired> rows,
            List<SiteBook.Entry> unknownTableRows,
            Map<String, Integer> rowsPerTable,
            Map<String, Integer> columnsNotInSchema,
            Map<String, Integer> tablesNotInSchema,
            List<ImportNote> notes) {}

    static Plan plan(SiteContent content, StoreSchema schema) {
        Map<String, Object> fills = websiteFills(content);
        Map<String, Desired> rows = new LinkedHashMap<>();
        List<SiteBook.Entry> unknown = new ArrayList<>();
        Map<String, Integer> perTable = new TreeMap<>();
        Map<String, Integer> columnsNotInSchema = new TreeMap<>();
        Map<String, Integer> tablesNotInSchema = new TreeMap<>();
        List<ImportNote> notes = new ArrayList<>();
        Map<String, SiteBook.Entry> unknownKeys = new LinkedHashMap<>();
        for (SiteRecord record : content.records()) {
            Optional<TableDefinition> table = schema.table(record.table());
            if (table.isEmpty() || schema.view(table.get()).isPresent()) {
                SiteBook.Entry entry = unknownTableRow(record);
                if (unknownKeys.putIfAbsent(entry.key(), entry) == null) {
                    unknown.add(entry);
                    tablesNotInSchema.merge(record.table(), 1, Integer::sum);
                    perTable.merge(record.table(), 1, Integer::sum);
                }
                continue;
            }
            Desired desired = desired(table.get(), record, schema, fills, columnsNotInSchema);
            String key = desired.entry().key();
            Desired earlier = rows.get(key);
            if (earlier != null) {
                // a deactivated copy that repeats an active row's id: the active row wins (REAL-SITES.md)
                boolean keepEarlier = !isInactive(earlier) || isInactive(desired);
                notes.add(new ImportNote(
                        ImportNote.Kind.DUPLICATE_ID,
                        record.source(),
                        record.table() + " " + record.id()
                                + " is also in "
                                + (keepEarlier ? earlier.entry().source() : record.source()) + "; the "
                                + (keepEarlier ? "first" : "active") + " one was kept"));
                if (keepEarlier) {
                    continue;
                }
            } else {
                perTable.merge(record.table(), 1, Integer::sum);
            }
            rows.put(key, desired);
        }
        return new Plan(List.copyOf(rows.values()), unknown, perTable, columnsNotInSchema, tablesNotInSchema, notes);
    }

    private static boolean isInactive(Desired row) {
        return row.values().get("statecode") instanceof Integer state && state != 0;
    }

    /** The folder's website (its first active one): the lookup its rows leave out. */
    private static Map<String, Object> websiteFills(SiteContent content) {
        Map<String, Object> fills = new LinkedHashMap<>();
        for (String[] pair : new String[][] {{"adx_website", "adx_websiteid"}, {"powerpagesite", "powerpagesiteid"}}) {
            content.records().stream()
                    .filter(r -> r.table().equals(pair[0]))
                    .sorted((a, b) -> Boolean.compare(inactive(a), inactive(b)))
                    .findFirst()
                    .ifPresent(site -> {
                        try {
                            fills.put(pair[1], UUID.fromString(site.id().trim()));
                        } catch (IllegalArgumentException e) {
                            throw new SiteFolderException(
                                    site.source(), pair[0] + " id '" + site.id() + "' is not a GUID");
                        }
                    });
        }
        return fills;
    }

    private static boolean inactive(SiteRecord record) {
        Object state = record.columns().get("statecode");
        return state != null && !"0".equals(String.valueOf(state));
    }

    private static Desired desired(
            TableDefinition table,
            SiteRecord record,
            StoreSchema schema,
            Map<String, Object> fills,
            Map<String, Integer> columnsNotInSchema) {
        UUID id;
        try {
            id = UUID.fromString(record.id().trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SiteFolderException(record.source(), record.table() + " id '" + record.id() + "' is not a GUID");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ColumnDefinition column : table.columns()) {
            if (!column.system() && !column.name().equals(table.primaryId())) {
                values.put(column.name(), null);
            }
        }
        values.put("statecode", 0);
        values.put("statuscode", 1);
        Map<ManyToManyDefinition, List<UUID>> links = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> originals = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, Object> entry : record.columns().entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            written.add(name);
            if (name.equals(table.primaryId())) {
                continue;
            }
            Optional<ManyToManyDefinition> relationship =
                    value instanceof List<?> ? schema.manyToMany(table, name) : Optional.empty();
            Optional<ColumnDefinition> column = table.column(name).filter(c -> !c.system());
            if (relationship.isPresent()) {
                links.put(relationship.get(), ids(record, name, (List<?>) value));
                originals.put(name, List.copyOf((List<?>) value)); // the order, which the store does not keep
            } else if (column.isPresent()) {
                Object converted;
                try {
                    converted = SiteValues.toColumn(column.get(), value);
                } catch (SiteValues.Unfit unfit) {
                    throw new SiteFolderException(
                            record.source(),
                            record.table() + "." + name + " is " + describe(value) + ", not " + unfit.getMessage());
                }
                values.put(name, converted);
                if (value instanceof byte[]) {
                    originals.put(name, BYTES); // exported as bytes again
                } else if (!SiteValues.same(SiteValues.fromColumn(column.get(), converted, false), value)) {
                    originals.put(name, value);
                }
            } else {
                extra.put(name, value);
                // a folder fact (SiteRecord.NO_CONTENT_FILE) is kept as such a column is, but is no column
                if (table.column(name).isEmpty() && !SiteRecord.isFolderFact(name)) {
                    columnsNotInSchema.merge(record.table() + "." + name, 1, Integer::sum);
                }
            }
        }
        fills.forEach((column, value) -> {
            if (table.column(column).isPresent()
                    && !table.primaryId().equals(column)
                    && !record.columns().containsKey(column)) {
                values.put(column, value);
            }
        });
        String source = record.source() == null ? null : record.source().file().toString();
        String hash = hash(table.logicalName(), record.id(), source, written, values, links, extra, originals);
        SiteBook.Entry entry = new SiteBook.Entry(
                table.logicalName(), record.id().trim(), source, written, extra, originals, hash, null);
        return new Desired(table, id, values, links, entry, record.source());
    }

    private static List<UUID> ids(SiteRecord record, String relationship, List<?> values) {
        List<UUID> ids = new ArrayList<>();
        for (Object value : values) {
            try {
                ids.add(UUID.fromString(String.valueOf(value).trim()));
            } catch (IllegalArgumentException e) {
                throw new SiteFolderException(
                        record.source(),
                        record.table() + "." + relationship + " lists '" + value + "', which is not a GUID");
            }
        }
        return ids;
    }

    private static SiteBook.Entry unknownTableRow(SiteRecord record) {
        Map<String, Object> extra = new LinkedHashMap<>(record.columns());
        String source = record.source() == null ? null : record.source().file().toString();
        List<String> written = List.copyOf(record.columns().keySet());
        String hash = hash(record.table(), record.id(), source, written, Map.of(), Map.of(), extra, Map.of());
        return new SiteBook.Entry(record.table(), record.id().trim(), source, written, extra, Map.of(), hash, null);
    }

    private static String describe(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes" : "'" + SiteValues.text(value) + "'";
        return text.length() > 80 ? text.substring(0, 77) + "...'" : text;
    }

    // The export: a row of the store as the record a folder writes.

    /**
     * The record of a row: the columns its file wrote, in its order and with its original values, then columns set
     * since (through the Web API); a row that came from no file gets every column it has a value in.
     */
    static SiteRecord record(
            TableDefinition table,
            Map<String, Object> row,
            SiteBook.Entry entry,
            Map<String, List<String>> links,
            List<ManyToManyDefinition> ownRelationships) {
        Map<String, Object> columns = new LinkedHashMap<>();
        String id = entry != null ? entry.idText() : String.valueOf(row.get(table.primaryId()));
        List<String> order = new ArrayList<>(entry != null ? entry.columns() : List.of(table.primaryId()));
        for (ColumnDefinition column : table.columns()) {
            boolean key = column.name().equals(table.primaryId());
            if (!order.contains(column.name())
                    && !key
                    && !column.system()
                    && !column.name().equals("adx_websiteid")
                    && hasValue(column, row)) {
                order.add(column.name());
            }
        }
        for (ManyToManyDefinition relationship : ownRelationships) {
            if (!order.contains(relationship.name())
                    && !links.getOrDefault(relationship.name(), List.of()).isEmpty()) {
                order.add(relationship.name());
            }
        }
        for (String name : order) {
            Optional<ColumnDefinition> column = table.column(name).filter(c -> !c.system());
            if (name.equals(table.primaryId())) {
                columns.put(name, id);
            } else if (links.containsKey(name)
                    || ownRelationships.stream().anyMatch(r -> r.name().equals(name))) {
                columns.put(
                        name,
                        inWrittenOrder(
                                links.getOrDefault(name, List.of()),
                                entry == null ? null : entry.originals().get(name)));
            } else if (column.isPresent()) {
                columns.put(
                        name,
                        exported(
                                column.get(),
                                row.get(name),
                                entry == null ? null : entry.originals().get(name)));
            } else if (entry != null && entry.extra().containsKey(name)) {
                columns.put(name, entry.extra().get(name));
            }
        }
        SourceLocation source =
                entry == null || entry.source() == null ? null : new SourceLocation(Path.of(entry.source()), 0);
        return new SiteRecord(table.logicalName(), id, columns, source);
    }

    /** A row of a table the schema lacks, as it was read. */
    static SiteRecord record(SiteBook.Entry entry) {
        SourceLocation source = entry.source() == null ? null : new SourceLocation(Path.of(entry.source()), 0);
        Map<String, Object> columns = new LinkedHashMap<>();
        entry.columns().forEach(name -> columns.put(name, entry.extra().get(name)));
        return new SiteRecord(entry.entity(), entry.idText(), columns, source);
    }

    /** Related ids in the order the file listed them (the store keeps no order), new ones after. */
    private static List<String> inWrittenOrder(List<String> ids, Object written) {
        List<String> ordered = new ArrayList<>();
        if (written instanceof List<?> list) {
            for (Object id : list) {
                String text = String.valueOf(id);
                ids.stream()
                        .filter(i -> i.equalsIgnoreCase(text.trim()))
                        .findFirst()
                        .ifPresent(i -> ordered.add(text));
            }
        }
        for (String id : ids) {
            if (ordered.stream().noneMatch(o -> o.trim().equalsIgnoreCase(id))) {
                ordered.add(id);
            }
        }
        return ordered;
    }

    private static boolean hasValue(ColumnDefinition column, Map<String, Object> row) {
        Object value = row.get(column.name());
        if (value == null) {
            return false;
        }
        return switch (column.name()) {
            case "statecode" -> !Integer.valueOf(0).equals(value);
            case "statuscode" ->
                !Integer.valueOf(1).equals(value) || !Integer.valueOf(0).equals(row.get("statecode"));
            default -> true;
        };
    }

    /** The stored value as the folder had it, when the stored value is still what the folder's value gives. */
    private static Object exported(ColumnDefinition column, Object stored, Object original) {
        if (BYTES.equals(original)) {
            return SiteValues.fromColumn(column, stored, true);
        }
        if (original != null) {
            try {
                if (SiteValues.same(SiteValues.toColumn(column, original), stored)) {
                    return original;
                }
            } catch (SiteValues.Unfit unfit) {
                // the original no longer fits: write the stored value
            }
        }
        if (column.type() == ColumnType.MULTICHOICE && stored instanceof String text) {
            return text.isEmpty() ? List.of() : List.of(text.split(","));
        }
        return SiteValues.fromColumn(column, stored, false);
    }

    /** A digest of everything the folder says about a row: unchanged digest, unchanged row. */
    private static String hash(
            String table,
            String id,
            String source,
            List<String> written,
            Map<String, Object> values,
            Map<ManyToManyDefinition, List<UUID>> links,
            Map<String, Object> extra,
            Map<String, Object> originals) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            feed(digest, table);
            feed(digest, id);
            feed(digest, source);
            feed(digest, written);
            feed(digest, new TreeMap<>(values));
            Map<String, Object> byName = new TreeMap<>();
            links.forEach((relationship, ids) -> byName.put(
                    relationship.name(),
                    ids.stream().map(UUID::toString).sorted().toList()));
            feed(digest, byName);
            feed(digest, new TreeMap<>(extra));
            feed(digest, new TreeMap<>(originals));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void feed(MessageDigest digest, Object value) {
        if (value instanceof byte[] bytes) {
            digest.update((byte) 1);
            digest.update(bytes);
        } else if (value instanceof Map<?, ?> map) {
            digest.update((byte) 2);
            map.forEach((k, v) -> {
                feed(digest, k);
                feed(digest, v);
            });
        } else if (value instanceof List<?> list) {
            digest.update((byte) 3);
            list.forEach(item -> feed(digest, item));
        } else if (value == null) {
            digest.update((byte) 5);
        } else {
            digest.update((byte) 4);
            digest.update(value.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
            digest.update(SiteValues.text(value).getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) 0);
    }
}
