package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.List;

/**
 * Where the site's rows come from when a snapshot is assembled: the store, with change tracking requested
 * ({@link SiteLoader#load()}), or rows held in memory (tests build snapshots from fixture site folders this way).
 * Entity set names and columns are the Web API's ({@code adx_webpages}, {@code _adx_parentpageid_value}).
 */
public interface RowSource {

    /**
     * Every row of a table the site cannot do without.
     *
     * @param select the columns wanted ({@code $select}), or {@code null} for all; a source may answer more
     * @throws IllegalStateException when there is no such table
     */
    List<StoreRow> rows(String entitySet, String select);

    /** Every row of a table a store may not have: absent reads as empty. {@code select} as for {@link #rows}. */
    List<StoreRow> optionalRows(String entitySet, String select);

    /**
     * Says that {@link #rows} or {@link #optionalRows} of this table and {@code select} will be asked for soon: a
     * source that reads over the network may start reading it now, so that several reads overlap. Whether it was
     * prefetched or not, the answer of the later call is the same. Does nothing by default.
     */
    default void prefetch(String entitySet, String select) {}
}
