package dev.powerpages.emulator.sitefolder.yamlfolder;

import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the readers. */
final class Rows {

    private Rows() {}

    /** A record whose column map keeps its order and its nulls, and cannot be changed. */
    static SiteRecord record(String table, String id, Map<String, Object> columns, SourceLocation source) {
        return new SiteRecord(table, id, Collections.unmodifiableMap(new LinkedHashMap<>(columns)), source);
    }

    /** The row's id as written; a row without one cannot be imported (nothing could refer to it). */
    static String requireId(Map<String, Object> columns, String idColumn, SourceLocation source) {
        Object id = columns.get(idColumn);
        if (id == null || id.toString().isBlank()) {
            throw new SiteFolderException(source, "the row has no " + idColumn + " (every row needs its id)");
        }
        if (id instanceof Map || id instanceof Iterable) {
            throw new SiteFolderException(source, idColumn + " is not an id: " + id);
        }
        return id.toString();
    }
}
