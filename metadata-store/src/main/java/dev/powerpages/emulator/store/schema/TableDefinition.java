package dev.powerpages.emulator.store.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Dataverse table (entity) as data: its names and its columns, system columns included.
 *
 * @param logicalName   e.g. {@code adx_webpage}; also the H2 table name
 * @param entitySetName e.g. {@code adx_webpages}; the Web API collection
 * @param primaryId     the primary key column, e.g. {@code adx_webpageid}
 * @param primaryName   the primary name column, e.g. {@code adx_name}
 * @param columns       all columns, primary key first
 * @param alternateKeys named alternate keys (Dataverse "keys"), each a list of column logical names
 */
public record TableDefinition(
        String logicalName,
        String entitySetName,
        String primaryId,
        String primaryName,
        List<ColumnDefinition> columns,
        Map<String, List<String>> alternateKeys) {

    public TableDefinition {
        columns = List.copyOf(columns);
        alternateKeys = alternateKeys == null ? Map.of() : Map.copyOf(alternateKeys);
    }

    public TableDefinition(
            String logicalName,
            String entitySetName,
            String primaryId,
            String primaryName,
            List<ColumnDefinition> columns) {
        this(logicalName, entitySetName, primaryId, primaryName, columns, Map.of());
    }

    /** Column by logical name. */
    public Optional<ColumnDefinition> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Column by the property name clients use: {@code _x_value} for lookups, the logical name otherwise. */
    public Optional<ColumnDefinition> property(String propertyName) {
        return columns.stream()
                .filter(c -> c.type().isProperty() && c.propertyName().equals(propertyName))
                .findFirst();
    }

    /** The columns a row shows when no $select narrows it: all but file columns. */
    public List<ColumnDefinition> properties() {
        return columns.stream().filter(c -> c.type().isProperty()).toList();
    }

    /** Lookup column by its navigation property name (for {@code @odata.bind}). */
    public Optional<ColumnDefinition> navigation(String navigationName) {
        return columns.stream()
                .filter(c -> c.isLookup() && navigationName.equals(c.navigation()))
                .findFirst();
    }

    public Map<String, ColumnDefinition> columnsByName() {
        Map<String, ColumnDefinition> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.name(), c));
        return byName;
    }

    /** The OData type name Dataverse gives rows of this table, e.g. {@code Microsoft.Dynamics.CRM.account}. */
    public String edmTypeName() {
        return "Microsoft.Dynamics.CRM." + logicalName;
    }
}
