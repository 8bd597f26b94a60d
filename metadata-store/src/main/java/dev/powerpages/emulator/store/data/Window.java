package dev.powerpages.emulator.store.data;

import java.util.UUID;

/**
 * Which slice of a query's rows to read: a page (by offset, or after a primary key for keyset
 * paging) and optionally only the rows changed between two change tokens.
 *
 * @param offset        rows to skip (paging with an explicit $orderby)
 * @param afterId       only rows whose primary key sorts after this one (keyset paging), or null
 * @param limit         at most this many rows
 * @param changedAfter  only rows written after this change token, or null
 * @param changedBefore only rows written before this change token, or null
 */
public record Window(int offset, UUID afterId, int limit, Long changedAfter, Long changedBefore) {

    public static Window first(int limit) {
        return new Window(0, null, limit, null, null);
    }

    public boolean isDelta() {
        return changedAfter != null;
    }
}
