package dev.powerpages.emulator.store.odata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;

/**
 * Hand-written parser for the subset of OData the emulator supports: {@code $select}, {@code $filter}
 * (see {@link FilterParser}), {@code $orderby}, {@code $top} and {@code $count}. Other system query
 * options are rejected, as Dataverse rejects {@code $skip}.
 */
public final class SimpleQueryOptionsParser implements QueryOptionsParser {

    private static final Set<String> SUPPORTED = Set.of("$select", "$filter", "$orderby", "$top", "$count");

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
        return new QueryOptions(select, filter, orderBy, top, count);
    }

    private static String option(Map<String, String> options, String name) {
        return options.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
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
                throw new ODataQueryException("The $orderby expression must evaluate to a single value of primitive type: " + parts[0]);
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
        throw new ODataQueryException("Invalid value '" + raw + "' for $top query option found. The $top query option requires a non-negative integer value.");
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
        return table.property(name).orElseThrow(() -> new ODataQueryException(
                "Could not find a property named '" + name + "' on type '" + table.edmTypeName() + "'."));
    }
}
