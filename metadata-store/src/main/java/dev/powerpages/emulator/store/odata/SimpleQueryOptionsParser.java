package dev.powerpages.emulator.store.odata;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hand-written parser for the subset of OData the emulator supports: {@code $select}, {@code $filter}
 * (see {@link FilterParser}), {@code $orderby}, {@code $top}, {@code $count} and {@code $expand} with a
 * nested {@code $select}. Other system query options are rejected, as Dataverse rejects {@code $skip}.
 *
 * <p>Why not Apache Olingo's URI parser (which the store does use, for {@code $metadata})? It was
 * tried against the Edm the store generates ({@code MetadataDocument.edm()}), and it parses the
 * Dataverse-style queries fine, but three of its answers differ from Dataverse's in ways a client
 * notices, none of them configurable:
 * <ul>
 * <li>{@code modifiedon gt 2024-01-01} fails with "Incompatible types" (Edm.Date literal against an
 * Edm.DateTimeOffset property); Dataverse accepts a date there, and web developers write it.</li>
 * <li>{@code revenue gt 'lots'} fails with "Unknown property."; Dataverse explains the type mismatch
 * ("A binary operator with incompatible types was detected..."), which this parser reproduces.</li>
 * <li>Dataverse's query functions ({@code Microsoft.Dynamics.CRM.LastXDays(PropertyName=...)}) fail
 * with "No function ... found" unless each is declared as a bound function in the Edm.</li>
 * </ul>
 * Rewriting its messages would mean wrapping every {@code UriParserException} key, and translating its
 * expression tree into {@link FilterExpression} is as much code as this parser. The
 * {@link QueryOptionsParser} seam stays, so an Olingo-backed implementation can replace this one.
 */
public final class SimpleQueryOptionsParser implements QueryOptionsParser {

    private static final Set<String> SUPPORTED = Set.of("$select", "$filter", "$orderby", "$top", "$count", "$expand");
    /** {@code nav} or {@code nav($select=a,b)}; Dataverse allows only $select (and, rarely, more) inside. */
    private static final Pattern EXPAND_ITEM = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?\\s*");

    private final Supplier<StoreSchema> schema;

    /** Without a schema, $expand is rejected: collection-valued navigation needs the other tables. */
    public SimpleQueryOptionsParser() {
        this(() -> null);
    }

    /** @param schema the tables in force for each parse, e.g. those of the request's environment */
    public SimpleQueryOptionsParser(Supplier<StoreSchema> schema) {
        this.schema = schema;
    }

    @Override
    public QueryOptions parse(TableDefinition table, Map<String, String> options) {
        for (String name : options.keySet()) {
            if (name.startsWith("$") && !SUPPORTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new ODataQueryException("The query parameter " + name + " is not supported");
            }
        }
        List<ColumnDefinition> select = select(table, option(options, "$select"));
        String rawFilter = option(options, "$filter");
        FilterExpression filter = rawFilter == null ? null : new FilterParser(table, rawFilter).parse();
        List<QueryOptions.OrderBy> orderBy = orderBy(table, option(options, "$orderby"));
        Integer top = top(option(options, "$top"));
        boolean count = count(option(options, "$count"));
        List<QueryOptions.Expand> expand = expand(table, option(options, "$expand"));
        return new QueryOptions(select, filter, orderBy, top, count, expand);
    }

    private List<QueryOptions.Expand> expand(TableDefinition table, String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<QueryOptions.Expand> expands = new ArrayList<>();
        for (String item : splitTopLevel(raw)) {
            Matcher matcher = EXPAND_ITEM.matcher(item);
            if (!matcher.matches()) {
                throw new ODataQueryException("Syntax error in $expand: '" + raw + "'");
            }
            String navigation = matcher.group(1);
            QueryOptions.Expand expand = navigation(table, navigation);
            List<ColumnDefinition> select = List.of();
            if (matcher.group(2) != null && !matcher.group(2).isBlank()) {
                for (String nested : matcher.group(2).split(";")) {
                    String[] pair = nested.split("=", 2);
                    if (pair.length != 2 || !pair[0].trim().equalsIgnoreCase("$select")) {
                        throw new ODataQueryException("The query option '" + pair[0].trim()
                                + "' is not supported inside $expand; only $select is.");
                    }
                    select = select(expand.target(), pair[1]);
                }
            }
            expands.add(new QueryOptions.Expand(
                    expand.navigation(),
                    expand.target(),
                    expand.lookup(),
                    expand.collection(),
                    select,
                    expand.manyToMany()));
        }
        return expands;
    }

    private QueryOptions.Expand navigation(TableDefinition table, String navigation) {
        StoreSchema tables = schema.get();
        Optional<ColumnDefinition> single = table.navigation(navigation);
        if (single.isPresent() && tables != null) {
            return new QueryOptions.Expand(
                    navigation, tables.requireTable(single.get().target()), single.get(), false, List.of());
        }
        Optional<StoreSchema.OneToMany> many = tables == null ? Optional.empty() : tables.oneToMany(table, navigation);
        if (many.isPresent()) {
            return new QueryOptions.Expand(
                    navigation, many.get().referencing(), many.get().lookup(), true, List.of());
        }
        Optional<ManyToManyDefinition> manyToMany =
                tables == null ? Optional.empty() : tables.manyToMany(table, navigation);
        if (manyToMany.isPresent()) {
            TableDefinition target = tables.requireTable(manyToMany.get().otherTable(table.logicalName()));
            return new QueryOptions.Expand(navigation, target, null, true, List.of(), manyToMany.get());
        }
        throw new ODataQueryException(
                "Could not find a property named '" + navigation + "' on type '" + table.edmTypeName() + "'.");
    }

    /** Splits on commas outside parentheses: {@code a($select=x,y),b}. */
    private static List<String> splitTopLevel(String raw) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(raw.substring(start, i));
                start = i + 1;
            }
        }
        items.add(raw.substring(start));
        return items;
    }

    private static String option(Map<String, String> options, String name) {
        return options.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static List<ColumnDefinition> select(TableDefinition table, String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        Set<ColumnDefinition> columns = new LinkedHashSet<>();
        for (String item : raw.split(",")) {
            String name = item.trim();
            if (name.equals("*")) {
                return List.of();
            }
            columns.add(property(table, name));
        }
        return List.copyOf(columns);
    }

    private static List<QueryOptions.OrderBy> orderBy(TableDefinition table, String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<QueryOptions.OrderBy> orderBy = new ArrayList<>();
        for (String item : raw.split(",")) {
            String[] parts = item.trim().split("\\s+");
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw new ODataQueryException("Syntax error in $orderby: '" + raw + "'");
            }
            boolean descending = false;
            if (parts.length == 2) {
                String direction = parts[1].toLowerCase(Locale.ROOT);
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw new ODataQueryException("Syntax error in $orderby: '" + raw + "'");
                }
                descending = direction.equals("desc");
            }
            ColumnDefinition column = property(table, parts[0]);
            if (!column.type().isComparable()) {
                throw new ODataQueryException(
                        "The $orderby expression must evaluate to a single value of primitive type: " + parts[0]);
            }
            orderBy.add(new QueryOptions.OrderBy(column, descending));
        }
        return orderBy;
    }

    private static Integer top(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int top = Integer.parseInt(raw.trim());
            if (top >= 0) {
                return top;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ODataQueryException("Invalid value '" + raw
                + "' for $top query option found. The $top query option requires a non-negative integer value.");
    }

    private static boolean count(String raw) {
        if (raw == null) {
            return false;
        }
        return switch (raw.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ODataQueryException("'" + raw + "' is not a valid count option.");
        };
    }

    static ColumnDefinition property(TableDefinition table, String name) {
        return table.property(name)
                .orElseThrow(() -> new ODataQueryException(
                        "Could not find a property named '" + name + "' on type '" + table.edmTypeName() + "'."));
    }
}
