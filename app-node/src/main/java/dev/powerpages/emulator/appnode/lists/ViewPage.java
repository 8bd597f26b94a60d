package dev.powerpages.emulator.appnode.lists;

import java.util.List;
import java.util.Map;

import dev.powerpages.emulator.appnode.forms.TableSchema;

/** One page of a view's rows, with what the {@code entityview} object reports about paging. */
record ViewPage(List<TableSchema.Column> columns, List<Map<String, Object>> records, long totalRecords, ViewQuery query,
        String sortColumn, boolean sortDescending, boolean permitted) {

    int totalPages() {
        return totalRecords <= 0 ? 0 : (int) ((totalRecords + query.pageSize() - 1) / query.pageSize());
    }
}
