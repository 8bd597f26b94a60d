package dev.powerpages.emulator.store.odata;

import java.util.List;

import dev.powerpages.emulator.store.schema.ColumnDefinition;

/**
 * The system query options of a Web API request, validated against the table.
 *
 * @param select  columns to return; empty means all
 * @param filter  row filter, or {@code null}
 * @param orderBy sort order
 * @param top     maximum number of rows, or {@code null}
 * @param count   whether {@code @odata.count} is asked for
 */
public record QueryOptions(List<ColumnDefinition> select, FilterExpression filter, List<OrderBy> orderBy, Integer top,
        boolean count) {

    public static QueryOptions none() {
        return new QueryOptions(List.of(), null, List.of(), null, false);
    }

    public record OrderBy(ColumnDefinition column, boolean descending) {
    }
}
