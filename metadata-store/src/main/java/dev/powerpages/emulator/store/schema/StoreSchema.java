package dev.powerpages.emulator.store.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All tables of the store, looked up by logical name or entity set name. */
public final class StoreSchema {

    private final Map<String, TableDefinition> byLogicalName = new LinkedHashMap<>();
    private final Map<String, TableDefinition> byEntitySet = new LinkedHashMap<>();

    public StoreSchema(List<TableDefinition> tables) {
        for (TableDefinition table : tables) {
            if (byLogicalName.put(table.logicalName(), table) != null) {
                throw new IllegalArgumentException("Table defined twice: " + table.logicalName());
            }
            if (byEntitySet.put(table.entitySetName(), table) != null) {
                throw new IllegalArgumentException("Entity set " + table.entitySetName() + " of table " + table.logicalName()
                        + " is another table's already");
            }
        }
        for (TableDefinition table : tables) {
            for (ColumnDefinition column : table.columns()) {
                if (column.isLookup() && !byLogicalName.containsKey(column.target())) {
                    throw new IllegalArgumentException("Lookup " + table.logicalName() + "." + column.name()
                            + " targets unknown table " + column.target());
                }
            }
        }
    }

    /**
     * This schema and {@code extra} tables, which may look up this schema's tables and each other
     * (an environment's customisations on top of the base schema). An extra table may not redefine
     * one of this schema's: the result would describe the base table differently in each environment.
     */
    public StoreSchema with(List<TableDefinition> extra) {
        List<TableDefinition> all = new ArrayList<>(byLogicalName.values());
        all.addAll(extra);
        return new StoreSchema(all);
    }

    public Optional<TableDefinition> table(String logicalName) {
        return Optional.ofNullable(byLogicalName.get(logicalName));
    }

    public Optional<TableDefinition> entitySet(String entitySetName) {
        return Optional.ofNullable(byEntitySet.get(entitySetName));
    }

    public TableDefinition requireTable(String logicalName) {
        return table(logicalName).orElseThrow(() -> new IllegalArgumentException("Unknown table " + logicalName));
    }

    public Collection<TableDefinition> tables() {
        return byLogicalName.values();
    }

    /**
     * The one-to-many relationships whose "one" side is this table: each lookup of any table that
     * targets it. Dataverse exposes each as a collection-valued navigation property named after the
     * relationship ({@code account.contact_customer_accounts}).
     */
    public List<OneToMany> oneToMany(TableDefinition referenced) {
        List<OneToMany> relationships = new ArrayList<>();
        for (TableDefinition table : byLogicalName.values()) {
            for (ColumnDefinition column : table.columns()) {
                if (column.isLookup() && column.target().equals(referenced.logicalName())) {
                    relationships.add(new OneToMany(column.relationship(), table, column));
                }
            }
        }
        return relationships;
    }

    public Optional<OneToMany> oneToMany(TableDefinition referenced, String navigationName) {
        return oneToMany(referenced).stream().filter(r -> r.name().equals(navigationName)).findFirst();
    }

    /** A 1:N relationship: rows of {@code referencing} point with {@code lookup} at a row of the referenced table. */
    public record OneToMany(String name, TableDefinition referencing, ColumnDefinition lookup) {
    }
}
