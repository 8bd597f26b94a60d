package dev.powerpages.emulator.store.odata;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.List;

/**
 * The system query options of a Web API request, validated against the table.
 *
 * @param select  columns to return; empty means all
 * @param filter  row filter, or {@code null}
 * @param orderBy sort order
 * @param top     maximum number of rows, or {@code null}
 * @param count   whether {@code @odata.count} is asked for
 * @param expand  navigation properties to expand, each with its own $select
 */
public record QueryOptions(
        List<ColumnDefinition> select,
        FilterExpression filter,
        List<OrderBy> orderBy,
        Integer top,
        boolean count,
        List<Expand> expand) {

    public QueryOptions {
        expand = expand == null ? List.of() : List.copyOf(expand);
    }

    public QueryOptions(
            List<ColumnDefinition> select, FilterExpression filter, List<OrderBy> orderBy, Integer top, boolean count) {
        this(select, filter, orderBy, top, count, List.of());
    }

    public static QueryOptions none() {
        return new QueryOptions(List.of(), null, List.of(), null, false);
    }

    /**
     * One {@code $expand} item.
     *
     * @param navigation the navigation property name
     * @param target     the table it leads to
     * @param lookup     the lookup column: on this table (single-valued) or on the target (collection-valued)
     * @param collection whether it is a collection-valued (one-to-many) navigation property
     * @param select     the nested $select; empty means all columns
     * @param manyToMany for a many-to-many relationship's navigation property, the relationship ({@code lookup} is
     *                   then {@code null}); {@code null} otherwise
     */
    public record Expand(
            String navigation,
            TableDefinition target,
            ColumnDefinition lookup,
            boolean collection,
            List<ColumnDefinition> select,
            ManyToManyDefinition manyToMany) {

        public Expand(
                String navigation,
                TableDefinition target,
                ColumnDefinition lookup,
                boolean collection,
                List<ColumnDefinition> select) {
            this(navigation, target, lookup, collection, select, null);
        }
    }

    public record OrderBy(ColumnDefinition column, boolean descending) {}
}
