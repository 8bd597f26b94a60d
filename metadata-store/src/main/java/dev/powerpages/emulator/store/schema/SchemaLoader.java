package dev.powerpages.emulator.store.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads table definitions from YAML (see {@code schema/tables.yaml}) and adds the system columns
 * Dataverse puts on every table: the primary key, createdon, modifiedon, versionnumber (row
 * version), statecode and statuscode. The base schema may also declare many-to-many relationships
 * ({@code manyToMany}), whose intersect tables are generated here, and the enhanced data model's mspp_ views
 * ({@code views}), whose columns may be generated from the standard table they mirror.
 */
public final class SchemaLoader {

    /** Logical names become SQL identifiers: keep them to Dataverse's own alphabet. */
    private static final Pattern LOGICAL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Relationship schema names keep their capitals ({@code adx_CloudFlowConsumer_adx_webrole}). */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /**
     * The options Dataverse gives the state and status of a table that defines none of its own: statecode 0 Active,
     * 1 Inactive; statuscode 1 Active, 2 Inactive ("Table definitions: status and status reason", Dataverse docs).
     */
    private static final Map<Integer, String> DEFAULT_STATES = inOrder(0, "Active", 1, "Inactive");

    public static final Map<Integer, String> DEFAULT_STATUSES = inOrder(1, "Active", 2, "Inactive");

    private static final String STANDARD_PREFIX = "adx_";
    private static final String VIEW_PREFIX = "mspp_";

    /** A whole schema: tables, relationships, views. */
    public StoreSchema load(InputStream yaml) throws IOException {
        Map<?, ?> root = document(yaml);
        List<TableDefinition> tables = tables(root);
        Set<String> site = new LinkedHashSet<>();
        Set<String> readOnly = new LinkedHashSet<>();
        for (Object table : (List<?>) root.get("tables")) {
            if (Boolean.TRUE.equals(((Map<?, ?>) table).get("site"))) {
                site.add(((Map<?, ?>) table).get("logicalName").toString());
            }
            if (Boolean.TRUE.equals(((Map<?, ?>) table).get("readOnly"))) {
                readOnly.add(((Map<?, ?>) table).get("logicalName").toString());
            }
        }
        Map<String, TableDefinition> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.logicalName(), t));

        List<ViewDefinition> views = new ArrayList<>();
        if (root.get("views") instanceof List<?> declared) {
            Map<String, String> viewNames = new LinkedHashMap<>();
            for (Object view : declared) {
                Map<?, ?> map = (Map<?, ?>) view;
                if (map.get("mirrors") != null) {
                    viewNames.put(map.get("mirrors").toString(), name(map.get("logicalName"), "logicalName of a view"));
                }
            }
            for (Object view : declared) {
                views.add(view((Map<?, ?>) view, byName, viewNames));
            }
            views.forEach(v -> tables.add(v.table()));
        }

        List<ManyToManyDefinition> relationships = new ArrayList<>();
        if (root.get("manyToMany") instanceof List<?> declared) {
            for (Object relationship : declared) {
                ManyToManyDefinition definition = manyToMany((Map<?, ?>) relationship, byName);
                relationships.add(definition);
                if (definition.generated()) {
                    tables.add(definition.intersect());
                    if (site.contains(definition.table1()) && site.contains(definition.table2())) {
                        site.add(definition.intersect().logicalName());
                    }
                }
            }
        }
        relationships.addAll(viewRelationships(relationships, views));
        relationships.stream().filter(r -> r.viewOf() != null).forEach(r -> tables.add(r.intersect()));
        return new StoreSchema(tables, relationships, views, site, readOnly);
    }

    /**
     * The tables of one file, not yet checked against each other's lookups: an environment's extra
     * tables may look up the base schema's (see {@link StoreSchema#with(List)}). Relationships and views
     * of such a file are not read: extra tables only add tables.
     */
    public List<TableDefinition> read(InputStream yaml) throws IOException {
        return tables(document(yaml));
    }

    private static Map<?, ?> document(InputStream yaml) throws IOException {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> root) || !(root.get("tables") instanceof List<?>)) {
            throw new IOException("A schema file needs a top-level 'tables' list");
        }
        return root;
    }

    private List<TableDefinition> tables(Map<?, ?> root) throws IOException {
        List<TableDefinition> definitions = new ArrayList<>();
        for (Object table : (List<?>) root.get("tables")) {
            if (!(table instanceof Map<?, ?> map)) {
                throw new IOException("Each entry of 'tables' must be a table definition, not: " + table);
            }
            definitions.add(table(map));
        }
        return definitions;
    }

    /**
     * An intersect table as Dataverse makes one: primary key {@code <intersect>id} and the two ids. The columns are
     * plain ids, not lookups, as on Dataverse's intersect tables.
     */
    private ManyToManyDefinition manyToMany(Map<?, ?> yaml, Map<String, TableDefinition> tables) {
        String name = schemaName(yaml.get("name"), "name of a manyToMany relationship");
        String table1 = name(yaml.get("entity1"), "entity1 of " + name);
        String table2 = name(yaml.get("entity2"), "entity2 of " + name);
        TableDefinition first = require(tables, table1, "entity1 of " + name);
        TableDefinition second = require(tables, table2, "entity2 of " + name);
        boolean self = table1.equals(table2);
        String column1 = yaml.get("column1") != null
                ? name(yaml.get("column1"), "column1 of " + name)
                : self ? first.primaryId() + "one" : first.primaryId();
        String column2 = yaml.get("column2") != null
                ? name(yaml.get("column2"), "column2 of " + name)
                : self ? second.primaryId() + "two" : second.primaryId();
        if (yaml.get("intersect") != null) {
            TableDefinition existing =
                    require(tables, name(yaml.get("intersect"), "intersect of " + name), "intersect of " + name);
            if (existing.column(column1).isEmpty() || existing.column(column2).isEmpty()) {
                throw new IllegalArgumentException("Intersect table " + existing.logicalName() + " of " + name
                        + " lacks " + column1 + " or " + column2);
            }
            return new ManyToManyDefinition(name, existing, table1, column1, table2, column2, false, null);
        }
        return new ManyToManyDefinition(
                name,
                intersect(name.toLowerCase(Locale.ROOT), column1, column2),
                table1,
                column1,
                table2,
                column2,
                true,
                null);
    }

    private static TableDefinition intersect(String logicalName, String column1, String column2) {
        List<ColumnDefinition> columns = new ArrayList<>();
        columns.add(new ColumnDefinition(logicalName + "id", ColumnType.UNIQUEIDENTIFIER, null, null, false));
        columns.add(new ColumnDefinition(column1, ColumnType.UNIQUEIDENTIFIER, null, null, false));
        columns.add(new ColumnDefinition(column2, ColumnType.UNIQUEIDENTIFIER, null, null, false));
        addSystemColumns(columns);
        return new TableDefinition(logicalName, logicalName + "set", logicalName + "id", null, columns);
    }

    /** An mspp_ relationship for each adx_ one whose two tables have views ({@code mspp_entitypermission_webrole}). */
    private static List<ManyToManyDefinition> viewRelationships(
            List<ManyToManyDefinition> relationships, List<ViewDefinition> views) {
        Map<String, ViewDefinition> byMirror = new LinkedHashMap<>();
        views.stream()
                .filter(v -> v.mirrors() != null && ViewDefinition.COMPONENT.equals(v.source()))
                .forEach(v -> byMirror.put(v.mirrors(), v));
        List<ManyToManyDefinition> mirrored = new ArrayList<>();
        for (ManyToManyDefinition relationship : relationships) {
            ViewDefinition one = byMirror.get(relationship.table1());
            ViewDefinition two = byMirror.get(relationship.table2());
            if (one == null || two == null || !relationship.name().startsWith(STANDARD_PREFIX)) {
                continue;
            }
            String name = VIEW_PREFIX + relationship.name().substring(STANDARD_PREFIX.length());
            String column1 = one.table().primaryId();
            String column2 = two.table().primaryId();
            mirrored.add(new ManyToManyDefinition(
                    name,
                    intersect(name.toLowerCase(Locale.ROOT), column1, column2),
                    one.table().logicalName(),
                    column1,
                    two.table().logicalName(),
                    column2,
                    true,
                    relationship.name()));
        }
        return mirrored;
    }

    /**
     * A view: its own {@code columns}, or those of the standard table it {@code mirrors} with adx_ renamed mspp_ (a
     * lookup to a table that has a view then targets the view; to one without, it becomes a plain id column).
     */
    private ViewDefinition view(Map<?, ?> yaml, Map<String, TableDefinition> tables, Map<String, String> viewNames) {
        String logicalName = name(yaml.get("logicalName"), "logicalName of a view");
        String source = name(
                yaml.get("source") == null ? ViewDefinition.COMPONENT : yaml.get("source"), "source of " + logicalName);
        Integer componentType = yaml.get("componentType") instanceof Number n ? n.intValue() : null;
        if (ViewDefinition.COMPONENT.equals(source) && componentType == null) {
            throw new IllegalArgumentException("View " + logicalName + " of powerpagecomponent needs a componentType");
        }
        String mirrors = yaml.get("mirrors") == null ? null : name(yaml.get("mirrors"), "mirrors of " + logicalName);
        String primaryId = logicalName + "id";
        List<ColumnDefinition> columns = new ArrayList<>();
        columns.add(new ColumnDefinition(primaryId, ColumnType.UNIQUEIDENTIFIER, null, null, false));
        String primaryName = VIEW_PREFIX + "name";
        String entitySet = yaml.get("entitySetName") == null
                ? logicalName + "s"
                : name(yaml.get("entitySetName"), "entitySetName");
        if (mirrors != null) {
            TableDefinition mirrored = require(tables, mirrors, "mirrors of " + logicalName);
            if (yaml.get("entitySetName") == null) {
                entitySet = viewColumn(mirrored.entitySetName());
            }
            primaryName = viewColumn(mirrored.primaryName());
            Set<String> excluded = new LinkedHashSet<>();
            if (yaml.get("exclude") instanceof List<?> names) {
                names.forEach(n -> excluded.add(n.toString()));
            }
            for (ColumnDefinition column : mirrored.columns()) {
                if (column.name().equals(mirrored.primaryId())
                        || column.system()
                        || isStateColumn(column.name())
                        || excluded.contains(column.name())) {
                    continue;
                }
                String name = viewColumn(column.name());
                if (!column.isLookup()) {
                    columns.add(new ColumnDefinition(name, column.type(), null, null, false));
                } else if (viewNames.containsKey(column.target())
                        || !column.target().startsWith(STANDARD_PREFIX)) {
                    String target = viewNames.getOrDefault(column.target(), column.target());
                    columns.add(new ColumnDefinition(
                            name, ColumnType.LOOKUP, target, name, false, target + "_" + logicalName + "_" + name));
                } else {
                    columns.add(new ColumnDefinition(name, ColumnType.UNIQUEIDENTIFIER, null, null, false));
                }
            }
        }
        if (yaml.get("columns") instanceof List<?> declared) {
            for (Object column : declared) {
                columns.add(column(logicalName, (Map<?, ?>) column));
            }
        }
        addSystemColumns(columns);
        return new ViewDefinition(
                new TableDefinition(logicalName, entitySet, primaryId, primaryName, columns),
                source,
                componentType,
                mirrors);
    }

    private static String viewColumn(String standardColumn) {
        return standardColumn != null && standardColumn.startsWith(STANDARD_PREFIX)
                ? VIEW_PREFIX + standardColumn.substring(STANDARD_PREFIX.length())
                : standardColumn;
    }

    private static boolean isStateColumn(String name) {
        return name.equals("statecode") || name.equals("statuscode");
    }

    private static TableDefinition require(Map<String, TableDefinition> tables, String name, String what) {
        TableDefinition table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("Unknown table " + name + " as " + what);
        }
        return table;
    }

    private static void addSystemColumns(List<ColumnDefinition> columns) {
        addSystemColumns(columns, DEFAULT_STATES, DEFAULT_STATUSES);
    }

    /**
     * The system columns, statecode and statuscode with the given options (a table that declares its own states,
     * such as incident's Active / Resolved / Cancelled, passes them; any other gets Dataverse's defaults).
     */
    private static void addSystemColumns(
            List<ColumnDefinition> columns, Map<Integer, String> states, Map<Integer, String> statuses) {
        columns.add(new ColumnDefinition("createdon", ColumnType.DATETIME, null, null, true));
        columns.add(new ColumnDefinition("modifiedon", ColumnType.DATETIME, null, null, true));
        columns.add(new ColumnDefinition("versionnumber", ColumnType.BIGINT, null, null, true));
        columns.add(new ColumnDefinition("statecode", ColumnType.CHOICE, null, null, false, null, states));
        columns.add(new ColumnDefinition("statuscode", ColumnType.CHOICE, null, null, false, null, statuses));
    }

    private TableDefinition table(Map<?, ?> yaml) {
        String logicalName = name(yaml.get("logicalName"), "logicalName");
        String entitySetName = name(yaml.get("entitySetName"), "entitySetName of " + logicalName);
        String primaryId =
                yaml.get("primaryId") == null ? logicalName + "id" : name(yaml.get("primaryId"), "primaryId");
        String primaryName = yaml.get("primaryName") == null ? null : name(yaml.get("primaryName"), "primaryName");

        List<ColumnDefinition> columns = new ArrayList<>();
        columns.add(new ColumnDefinition(primaryId, ColumnType.UNIQUEIDENTIFIER, null, null, false));
        Map<Integer, String> states = DEFAULT_STATES;
        Map<Integer, String> statuses = DEFAULT_STATUSES;
        Object declared = yaml.get("columns");
        if (declared instanceof List<?> list) {
            for (Object column : list) {
                ColumnDefinition definition = column(logicalName, (Map<?, ?>) column);
                // A table may declare statecode and statuscode only to name its own options; they stay system
                // columns in the system columns' place.
                if (definition.name().equals("statecode")
                        && !definition.options().isEmpty()) {
                    states = definition.options();
                } else if (definition.name().equals("statuscode")
                        && !definition.options().isEmpty()) {
                    statuses = definition.options();
                } else {
                    columns.add(definition);
                }
            }
        }
        addSystemColumns(columns, states, statuses);

        long distinct = columns.stream().map(ColumnDefinition::name).distinct().count();
        if (distinct != columns.size()) {
            throw new IllegalArgumentException(
                    "Table " + logicalName + " declares a column twice (or a system column)");
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
            relationship = yaml.get("relationship") == null
                    ? target + "_" + table + "_" + name
                    : name(yaml.get("relationship"), "relationship");
        }
        return new ColumnDefinition(
                name, type, target, navigation, false, relationship, options(table, name, type, yaml));
    }

    /** Two options in display order (Map.of keeps none). */
    private static Map<Integer, String> inOrder(int first, String firstLabel, int second, String secondLabel) {
        Map<Integer, String> options = new LinkedHashMap<>();
        options.put(first, firstLabel);
        options.put(second, secondLabel);
        return options;
    }

    /** A choice column's {@code options: {value: label, ...}}, kept in the order written (the display order). */
    private static Map<Integer, String> options(String table, String name, ColumnType type, Map<?, ?> yaml) {
        if (yaml.get("options") == null) {
            return Map.of();
        }
        if (!(yaml.get("options") instanceof Map<?, ?> declared)
                || (type != ColumnType.CHOICE && type != ColumnType.MULTICHOICE)) {
            throw new IllegalArgumentException(
                    "Column " + table + "." + name + ": options are a map of value to label, on a choice column");
        }
        Map<Integer, String> options = new LinkedHashMap<>();
        declared.forEach((value, label) -> {
            if (!(value instanceof Integer number) || label == null) {
                throw new IllegalArgumentException(
                        "Column " + table + "." + name + ": option " + value + " needs a whole number and a label");
            }
            options.put(number, label.toString());
        });
        return options;
    }

    private static String schemaName(Object value, String what) {
        if (value == null || !SCHEMA_NAME.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("Invalid or missing " + what + ": " + value);
        }
        return value.toString();
    }

    private static String name(Object value, String what) {
        if (value == null || !LOGICAL_NAME.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("Invalid or missing " + what + ": " + value);
        }
        return value.toString();
    }
}
