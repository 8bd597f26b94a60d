package dev.powerpages.emulator.store.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads table definitions from YAML (see {@code schema/tables.yaml}) and adds the system columns
 * Dataverse puts on every table: the primary key, createdon, modifiedon, versionnumber (row
 * version), statecode and statuscode.
 */
public final class SchemaLoader {

    /** Logical names become SQL identifiers: keep them to Dataverse's own alphabet. */
    private static final Pattern LOGICAL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public StoreSchema load(InputStream yaml) throws IOException {
        return new StoreSchema(read(yaml));
    }

    /**
     * The tables of one file, not yet checked against each other's lookups: an environment's extra
     * tables may look up the base schema's (see {@link StoreSchema#with(List)}).
     */
    public List<TableDefinition> read(InputStream yaml) throws IOException {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> root) || !(root.get("tables") instanceof List<?> tables)) {
            throw new IOException("A schema file needs a top-level 'tables' list");
        }
        List<TableDefinition> definitions = new ArrayList<>();
        for (Object table : tables) {
            if (!(table instanceof Map<?, ?> map)) {
                throw new IOException("Each entry of 'tables' must be a table definition, not: " + table);
            }
            definitions.add(table(map));
        }
        return definitions;
    }

    private TableDefinition table(Map<?, ?> yaml) {
        String logicalName = name(yaml.get("logicalName"), "logicalName");
        String entitySetName = name(yaml.get("entitySetName"), "entitySetName of " + logicalName);
        String primaryId = yaml.get("primaryId") == null ? logicalName + "id" : name(yaml.get("primaryId"), "primaryId");
        String primaryName = yaml.get("primaryName") == null ? null : name(yaml.get("primaryName"), "primaryName");

        List<ColumnDefinition> columns = new ArrayList<>();
        columns.add(new ColumnDefinition(primaryId, ColumnType.UNIQUEIDENTIFIER, null, null, false));
        Object declared = yaml.get("columns");
        if (declared instanceof List<?> list) {
            for (Object column : list) {
                columns.add(column(logicalName, (Map<?, ?>) column));
            }
        }
        columns.add(new ColumnDefinition("createdon", ColumnType.DATETIME, null, null, true));
        columns.add(new ColumnDefinition("modifiedon", ColumnType.DATETIME, null, null, true));
        columns.add(new ColumnDefinition("versionnumber", ColumnType.BIGINT, null, null, true));
        columns.add(new ColumnDefinition("statecode", ColumnType.CHOICE, null, null, false));
        columns.add(new ColumnDefinition("statuscode", ColumnType.CHOICE, null, null, false));

        long distinct = columns.stream().map(ColumnDefinition::name).distinct().count();
        if (distinct != columns.size()) {
            throw new IllegalArgumentException("Table " + logicalName + " declares a column twice (or a system column)");
        }
        Map<String, List<String>> alternateKeys = new LinkedHashMap<>();
        if (yaml.get("alternateKeys") instanceof Map<?, ?> keys) {
            keys.forEach((keyName, keyColumns) -> {
                List<String> names = new ArrayList<>();
                for (Object column : (List<?>) keyColumns) {
                    String columnName = name(column, "alternate key column of " + logicalName);
                    if (columns.stream().noneMatch(c -> c.name().equals(columnName) && !c.isLookup())) {
                        throw new IllegalArgumentException("Alternate key " + keyName + " of " + logicalName
                                + " names unknown column " + columnName);
                    }
                    names.add(columnName);
                }
                alternateKeys.put(name(keyName, "alternate key name of " + logicalName), List.copyOf(names));
            });
        }
        return new TableDefinition(logicalName, entitySetName, primaryId, primaryName, columns, alternateKeys);
    }

    private ColumnDefinition column(String table, Map<?, ?> yaml) {
        String name = name(yaml.get("name"), "column name in " + table);
        Object rawType = yaml.get("type");
        if (rawType == null) {
            throw new IllegalArgumentException("Column " + table + "." + name + " has no type");
        }
        ColumnType type = ColumnType.valueOf(rawType.toString().toUpperCase(Locale.ROOT));
        String target = null;
        String navigation = null;
        String relationship = null;
        if (type == ColumnType.LOOKUP) {
            target = name(yaml.get("target"), "target of lookup " + table + "." + name);
            navigation = yaml.get("navigation") == null ? name : name(yaml.get("navigation"), "navigation");
            // Dataverse names 1:N relationships <referenced>_<referencing>_<lookup> unless given another schema name.
            relationship = yaml.get("relationship") == null ? target + "_" + table + "_" + name
                    : name(yaml.get("relationship"), "relationship");
        }
        return new ColumnDefinition(name, type, target, navigation, false, relationship);
    }

    private static String name(Object value, String what) {
        if (value == null || !LOGICAL_NAME.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("Invalid or missing " + what + ": " + value);
        }
        return value.toString();
    }
}
