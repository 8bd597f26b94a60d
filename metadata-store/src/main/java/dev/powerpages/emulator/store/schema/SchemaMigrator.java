package dev.powerpages.emulator.store.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Brings the storage in line with the schema: creates missing tables, adds missing columns and
 * indexes. It never drops or narrows anything, so a schema change is always safe to roll forward;
 * adding a table or a column is a change to the schema file only. The schema's tables are data, so
 * they are generated here rather than written as Flyway migrations; Flyway owns the fixed system
 * objects (tombstones, version sequence), which must exist before this runs.
 *
 * <p>The statements it would run are fingerprinted (SHA-256) and the fingerprint kept beside the data, in
 * {@code _schema_migrated}: a start whose schema gives the same statements as the last migration of this database
 * skips the per-table statements and the column lookups (about 7 % of the store's start-up CPU in a profile, issue
 * 16), and a schema that changed, or a database never migrated this way, is migrated as before. The fingerprint is
 * written only once every statement ran, so a migration cut short is done again at the next start.
 */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    private final JdbcTemplate jdbc;
    private final SchemaDdl ddl;

    public SchemaMigrator(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.ddl = new SchemaDdl(dialect);
    }

    /** A migrator of an H2 database. */
    public SchemaMigrator(JdbcTemplate jdbc) {
        this(jdbc, SqlDialect.H2);
    }

    public void migrate(StoreSchema schema) {
        String fingerprint = fingerprint(schema);
        jdbc.execute("CREATE TABLE IF NOT EXISTS \"_schema_migrated\" (\"id\" INTEGER PRIMARY KEY,"
                + " \"fingerprint\" CHARACTER VARYING(64) NOT NULL)");
        List<String> last =
                jdbc.queryForList("SELECT \"fingerprint\" FROM \"_schema_migrated\" WHERE \"id\" = 1", String.class);
        if (last.contains(fingerprint)) {
            log.debug("Schema as last migrated ({}): nothing to do", fingerprint);
            return;
        }
        // Every table's columns in one query, before any is created: a table missing here is created below with all
        // of its columns, and only the tables that were there are compared column by column. (One query per table
        // was 89 look-ups of H2's INFORMATION_SCHEMA on every start of an in-memory store, the test kit's.)
        Map<String, Set<String>> existingColumns = new HashMap<>();
        jdbc.query(
                "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA",
                (RowCallbackHandler) row -> existingColumns
                        .computeIfAbsent(row.getString(1), name -> new HashSet<>())
                        .add(row.getString(2)));
        for (TableDefinition table : schema.tables()) {
            jdbc.execute(ddl.createTable(table));
            Set<String> existing = existingColumns.get(table.logicalName());
            for (ColumnDefinition column : table.columns()) {
                if (existing != null && !existing.contains(column.name())) {
                    log.info("Adding column {}.{}", table.logicalName(), column.name());
                    jdbc.execute(ddl.addColumn(table, column));
                }
            }
            ddl.createIndexes(table).forEach(jdbc::execute);
        }
        jdbc.update("DELETE FROM \"_schema_migrated\"");
        jdbc.update("INSERT INTO \"_schema_migrated\" (\"id\", \"fingerprint\") VALUES (1, ?)", fingerprint);
    }

    /** Of every statement a migration from nothing would run: a change to any table, column or index changes it. */
    private String fingerprint(StoreSchema schema) {
        List<String> statements = new ArrayList<>();
        for (TableDefinition table : schema.tables()) {
            statements.add(ddl.createTable(table));
            table.columns().forEach(column -> statements.add(ddl.addColumn(table, column)));
            statements.addAll(ddl.createIndexes(table));
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(digest.digest(String.join("\n", statements).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm of every Java platform", e);
        }
    }
}
