package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The rows of the site's other tables as the store answered them (all columns, active and deactivated rows): the
 * tables listed in {@code site.tables} (forms, lists, languages, redirects, access rules, polls …), read with the
 * snapshot and followed by the same change tracking. Features keep what they build from a snapshot with
 * {@link SiteSnapshot#derived}, which is held here: built once per snapshot on first use, dropped with it, so no
 * feature re-reads or re-indexes per request and none has to be wired into the loader.
 */
public final class SiteTables {

    private final Map<String, List<StoreRow>> rowsByEntitySet;
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    public SiteTables(Map<String, List<StoreRow>> rowsByEntitySet) {
        this.rowsByEntitySet = Map.copyOf(rowsByEntitySet);
    }

    /** Every row of the entity set ({@code adx_entityforms}), deactivated ones included; empty when not loaded. */
    public List<StoreRow> rows(String entitySet) {
        return rowsByEntitySet.getOrDefault(entitySet, List.of());
    }

    /** The active rows ({@code statecode} 0): what Power Pages serves. */
    public List<StoreRow> activeRows(String entitySet) {
        return rows(entitySet).stream().filter(StoreRow::active).toList();
    }

    /** See {@link SiteSnapshot#derived}. */
    @SuppressWarnings("unchecked")
    <T> T derived(Object key, Supplier<T> build) {
        Object value = derived.get(key);
        if (value == null) {
            value = build.get();
            Object raced = derived.putIfAbsent(key, value);
            if (raced != null) {
                value = raced;
            }
        }
        return (T) value;
    }
}
