package dev.powerpages.emulator.store.schema;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Brings the storage in line with the schema: creates missing tables, adds missing columns and
 * indexes. It never drops or narrows anything, so a schema change is always safe to roll forward;
 * adding a table or a column is a change to the schema file only. The schema's tables are data, so
 * they are generated here rather than written as Flyway migrations; Flyway owns the fixed system
 * objects (tombstones, version sequence), which must exist before this runs.
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
        for (TableDefinition table : schema.tables()) {
            jdbc.execute(ddl.createTable(table));
            Set<String> existing = new HashSet<>(jdbc.queryForList(
                    "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = ?",
                    String.class,
                    table.logicalName()));
            for (ColumnDefinition column : table.columns()) {
                if (!existing.contains(column.name())) {
                    log.info("Adding column {}.{}", table.logicalName(), column.name());
                    jdbc.execute(ddl.addColumn(table, column));
                }
            }
            ddl.createIndexes(table).forEach(jdbc::execute);
        }
    }
}
