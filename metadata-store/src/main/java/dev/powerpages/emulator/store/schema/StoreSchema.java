package dev.powerpages.emulator.store.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All tables of the store, looked up by logical name or entity set name; with the many-to-many relationships, the
 * enhanced data model's views and which tables hold a site's metadata (those a site folder fills).
 */
public final class StoreSchema {

    private final Map<String, TableDefinition> byLogicalName = new LinkedHashMap<>();
    private final Map<String, TableDefinition> byEntitySet = new LinkedHashMap<>();
    private final List<ManyToManyDefinition> manyToMany;
    private final Map<String, ViewDefinition> views = new LinkedHashMap<>();
    private final Set<String> siteTables;
    private final Set<String> readOnlyTables;

    public StoreSchema(List<TableDefinition> tables) {
        this(tables, List.of(), List.of(), Set.of());
    }

    public StoreSchema(
            List<TableDefinition> tables,
            List<ManyToManyDefinition> manyToMany,
            List<ViewDefinition> views,
            Set<String> siteTables) {
        this(tables, manyToMany, views, siteTables, Set.of());
    }

    /**
     * @param readOnlyTables the tables clients may read but never write (Dataverse's system tables whose rows it
     *                       derives itself, such as {@code stringmap})
     */
    public StoreSchema(
            List<TableDefinition> tables,
            List<ManyToManyDefinition> manyToMany,
            List<ViewDefinition> views,
            Set<String> siteTables,
            Set<String> readOnlyTables) {
        this.manyToMany = List.copyOf(manyToMany);
        this.siteTables = Set.copyOf(new LinkedHashSet<>(siteTables));
        this.readOnlyTables = Set.copyOf(readOnlyTables);
        views.forEach(v -> this.views.put(v.table().logicalName(), v));
        for (TableDefinition table : tables) {
            if (byLogicalName.put(table.logicalName(), table) != null) {
                throw new IllegalArgumentException("Table defined twice: " + table.logicalName());
            }
            if (byEntitySet.put(table.entitySetName(), table) != null) {
                throw new IllegalArgumentException("Entity set " + table.entitySetName() + " of table "
                        + table.logicalName() + " is another table's already");
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
        return new StoreSchema(all, manyToMany, List.copyOf(views.values()), siteTables, readOnlyTables);
    }

    /** Every many-to-many relationship. */
    public List<ManyToManyDefinition> manyToMany() {
        return manyToMany;
    }

    /** The many-to-many relationships of a table (as entity 1 or 2). */
    public List<ManyToManyDefinition> manyToMany(TableDefinition table) {
        return manyToMany.stream().filter(r -> r.involves(table.logicalName())).toList();
    }

    /** A table's many-to-many relationship by its navigation property (= schema) name. */
    public Optional<ManyToManyDefinition> manyToMany(TableDefinition table, String navigationName) {
        return manyToMany(table).stream()
                .filter(r -> r.name().equals(navigationName))
                .findFirst();
    }

    /** The relationship whose intersect table this is, if any. */
    public Optional<ManyToManyDefinition> intersectOf(TableDefinition table) {
        return manyToMany.stream()
                .filter(r -> r.intersect().logicalName().equals(table.logicalName()))
                .findFirst();
    }

    /** The mspp_ view a table is, if it is one. */
    public Optional<ViewDefinition> view(TableDefinition table) {
        return Optional.ofNullable(views.get(table.logicalName()));
    }

    public Collection<ViewDefinition> views() {
        return views.values();
    }

    /** Whether a site folder's rows go into this table (its rows are replaced by an import). */
    public boolean isSiteTable(TableDefinition table) {
        return siteTables.contains(table.logicalName());
    }

    /** Whether clients may only read this table ({@code readOnly: true} in the schema). */
    public boolean isReadOnly(TableDefinition table) {
        return readOnlyTables.contains(table.logicalName());
    }

    /** The site tables, in schema order. */
    public List<TableDefinition> siteTables() {
        return byLogicalName.values().stream().filter(this::isSiteTable).toList();
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
        return oneToMany(referenced).stream()
                .filter(r -> r.name().equals(navigationName))
                .findFirst();
    }

    /** A 1:N relationship: rows of {@code referencing} point with {@code lookup} at a row of the referenced table. */
    public record OneToMany(String name, TableDefinition referencing, ColumnDefinition lookup) {}
}
