package dev.powerpages.emulator.store.schema;

import java.util.List;

/**
 * Generates DDL from table definitions, in the dialect of the store's database. Identifiers are
 * quoted so that any logical name (even a SQL keyword such as {@code value}) works, and stay lower
 * case as Dataverse spells them.
 */
public final class SchemaDdl {

    /**
     * Row versions come from one sequence shared by all tables, like Dataverse's global rowversion.
     * A fixed system object, created by Flyway (db/migration/{vendor}).
     */
    public static final String VERSION_SEQUENCE = "versionnumber_seq";

    private final SqlDialect dialect;

    public SchemaDdl(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** H2's DDL, the default database's. */
    public SchemaDdl() {
        this(SqlDialect.H2);
    }

    public static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    public String createTable(TableDefinition table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(quote(table.logicalName()))
                .append(" (");
        for (ColumnDefinition column : table.columns()) {
            sql.append(quote(column.name())).append(' ').append(dialect.columnType(column.type()));
            if (column.name().equals(table.primaryId())) {
                sql.append(" PRIMARY KEY");
            }
            sql.append(", ");
        }
        sql.setLength(sql.length() - 2);
        return sql.append(')').toString();
    }

    public String addColumn(TableDefinition table, ColumnDefinition column) {
        return "ALTER TABLE " + quote(table.logicalName()) + " ADD COLUMN IF NOT EXISTS " + quote(column.name()) + ' '
                + dialect.columnType(column.type());
    }

    /** Lookups are what the app node filters on ({@code _adx_websiteid_value eq ...}): index them. */
    public List<String> createIndexes(TableDefinition table) {
        return table.columns().stream()
                .filter(ColumnDefinition::isLookup)
                .map(c -> "CREATE INDEX IF NOT EXISTS " + quote("ix_" + table.logicalName() + "_" + c.name()) + " ON "
                        + quote(table.logicalName()) + " (" + quote(c.name()) + ")")
                .toList();
    }
}
