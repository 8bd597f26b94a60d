package dev.powerpages.emulator.appnode.lists;

/**
 * What a page of a view asks for: the 1-based page, rows a page, the search text and the sort ({@code name ASC}).
 * Power Pages' {@code entityview} reads them from the tag's parameters or else from the query string parameters
 * {@code page}, {@code search} and {@code order}.
 */
record ViewQuery(int page, int pageSize, String search, String order) {

    /** The largest page size the emulator reads (Dataverse's own page limit is 5,000 rows). */
    static final int MAX_PAGE_SIZE = 250;
}
