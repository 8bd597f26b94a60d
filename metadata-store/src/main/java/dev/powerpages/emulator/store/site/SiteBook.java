package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the store remembers of an imported site, beside its rows (the system tables {@code _site_row} and
 * {@code _site_import}, created by Flyway): per row, the file it came from, the columns that file wrote and in which
 * order, values of columns the schema lacks, original values the store's column types would reshape, and the row
 * version the import left. The export writes rows back from it; a re-import compares against it.
 */
@Component
class SiteBook {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /** Numbers read back as Long and BigDecimal, the types a site folder's YAML values have. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private final JdbcTemplate jdbc;

    SiteBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One row of the site as the folder wrote it.
     *
     * @param entity    the table's logical name (also for tables the schema lacks)
     * @param idText    the id as written
     * @param source    the file, relative to the folder, or null
     * @param columns   the columns (and relationships) the file wrote, in order
     * @param extra     values of columns the schema lacks (for a table the schema lacks: all of them)
     * @param originals values as written where the store's column type changes their form (a boolean site setting
     *                  value kept as text, a date written in another format); byte arrays as themselves
     * @param hash      of all of the above and the row's values: a row whose hash is unchanged was not edited
     * @param version   the row version the import left, or null for rows not in the store's tables
     */
    record Entry(
            String entity,
            String idText,
            String source,
            List<String> columns,
            Map<String, Object> extra,
            Map<String, Object> originals,
            String hash,
            Long version) {

        String key() {
            return key(entity, idText);
        }

        static String key(String entity, String id) {
            return entity + "|" + id.toLowerCase(Locale.ROOT);
        }

        Entry withVersion(Long newVersion) {
            return new Entry(entity, idText, source, columns, extra, originals, hash, newVersion);
        }
    }

    /** The folder an environment's site came from. */
    record Imported(String directory, FolderLayout layout, DataModel dataModel, OffsetDateTime importedOn) {}

    Map<String, Entry> load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        jdbc.query("SELECT \"entity\", \"record\", \"hash\", \"versionnumber\" FROM \"_site_row\"", rs -> {
            Map<String, Object> record = json.readValue(rs.getString(2), MAP);
            long version = rs.getLong(4);
            Entry entry = new Entry(
                    rs.getString(1),
                    (String) record.get("idText"),
                    (String) record.get("source"),
                    strings(record.get("columns")),
                    binary(map(record.get("extra")), record.get("binaryExtra")),
                    binary(map(record.get("originals")), record.get("binaryOriginals")),
                    rs.getString(3),
                    rs.wasNull() ? null : version);
            entries.put(entry.key(), entry);
        });
        return entries;
    }

    /** Writes the entries of rows an import wrote and forgets those of rows gone (keys as {@link Entry#key()}). */
    void update(Collection<Entry> written, Collection<String> gone) {
        List<Object[]> keys = new java.util.ArrayList<>();
        written.forEach(e -> keys.add(new Object[] {e.entity(), e.idText().toLowerCase(Locale.ROOT)}));
        gone.forEach(key ->
                keys.add(new Object[] {key.substring(0, key.indexOf('|')), key.substring(key.indexOf('|') + 1)}));
        jdbc.batchUpdate("DELETE FROM \"_site_row\" WHERE \"entity\" = ? AND \"id\" = ?", keys);
        insert(written);
    }

    private void insert(Collection<Entry> entries) {
        jdbc.batchUpdate(
                "INSERT INTO \"_site_row\" (\"entity\", \"id\", \"record\", \"hash\", \"versionnumber\") VALUES (?, ?, ?, ?, ?)",
                entries.stream()
                        .map(e -> new Object[] {
                            e.entity(), e.idText().toLowerCase(Locale.ROOT), record(e), e.hash(), e.version()
                        })
                        .toList());
    }

    Optional<Imported> imported() {
        return jdbc
                .query(
                        "SELECT \"directory\", \"layout\", \"datamodel\", \"importedon\" FROM \"_site_import\" WHERE \"id\" = 1",
                        (rs, n) -> new Imported(
                                rs.getString(1),
                                FolderLayout.valueOf(rs.getString(2)),
                                DataModel.valueOf(rs.getString(3)),
                                rs.getObject(4, OffsetDateTime.class)))
                .stream()
                .findFirst();
    }

    void saveImported(String directory, FolderLayout layout, DataModel dataModel) {
        jdbc.update("DELETE FROM \"_site_import\"");
        jdbc.update(
                "INSERT INTO \"_site_import\" (\"id\", \"directory\", \"layout\", \"datamodel\", \"importedon\") VALUES (1, ?, ?, ?, ?)",
                directory,
                layout.name(),
                dataModel.name(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
    }

    /** Forgets the imported site (the demo site is back). */
    void clear() {
        jdbc.update("DELETE FROM \"_site_row\"");
        jdbc.update("DELETE FROM \"_site_import\"");
    }

    private String record(Entry entry) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("idText", entry.idText());
        record.put("source", entry.source());
        record.put("columns", entry.columns());
        record.put("extra", base64(entry.extra()));
        record.put("binaryExtra", binaryKeys(entry.extra()));
        record.put("originals", base64(entry.originals()));
        record.put("binaryOriginals", binaryKeys(entry.originals()));
        return json.writeValueAsString(record);
    }

    /** Byte arrays are kept as base64 and named, so that they read back as bytes. */
    private static Map<String, Object> base64(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) ->
                copy.put(k, v instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : v));
        return copy;
    }

    private static List<String> binaryKeys(Map<String, Object> values) {
        return values.entrySet().stream()
                .filter(e -> e.getValue() instanceof byte[])
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Map<String, Object> binary(Map<String, Object> values, Object keys) {
        for (String key : strings(keys)) {
            if (values.get(key) instanceof String text) {
                values.put(key, Base64.getDecoder().decode(text));
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }
}
