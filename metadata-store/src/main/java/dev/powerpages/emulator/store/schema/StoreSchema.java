package dev.powerpages.emulator.store.schema;

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
            if (byLogicalName.put(table.logicalName(), table) != null
                    || byEntitySet.put(table.entitySetName(), table) != null) {
                throw new IllegalArgumentException("Table defined twice: " + table.logicalName());
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
}
