package dev.powerpages.emulator.appnode.lists;

import dev.powerpages.emulator.appnode.tables.Table;
import java.util.List;
import java.util.Map;

/** One page of a view's rows, with what the {@code entityview} object reports about paging. */
record ViewPage(
        List<Table.Column> columns,
        List<Map<String, Object>> records,
        long totalRecords,
        ViewQuery query,
        String sortColumn,
        boolean sortDescending,
        boolean permitted) {

    int totalPages() {
        return totalRecords <= 0 ? 0 : (int) ((totalRecords + query.pageSize() - 1) / query.pageSize());
    }
}
