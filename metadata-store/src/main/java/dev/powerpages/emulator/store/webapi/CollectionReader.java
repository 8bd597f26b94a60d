package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.data.Window;
import dev.powerpages.emulator.store.environment.CurrentEnvironment;
import dev.powerpages.emulator.store.odata.QueryOptions;
import dev.powerpages.emulator.store.odata.QueryOptionsParser;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads an entity set the way Dataverse's Web API pages and tracks it:
 * <ul>
 * <li>Server-driven paging only: {@code Prefer: odata.maxpagesize=N} (at most and by default 5,000),
 * echoed in {@code Preference-Applied}; more rows are announced by an {@code @odata.nextLink} with an
 * opaque {@code $skiptoken}. {@code $top} turns paging off, as in Dataverse.</li>
 * <li>Change tracking ("Use change tracking to synchronize data with external systems"):
 * {@code Prefer: odata.track-changes} adds an {@code @odata.deltaLink} (on the last page) whose
 * {@code $deltatoken} returns the rows created or changed since, and the deleted ones as
 * {@code $deletedEntity} entries with {@code reason: "deleted"}.</li>
 * </ul>
 */
@Component
class CollectionReader {

    private final RowStore rows;
    private final QueryOptionsParser parser;
    private final CurrentEnvironment environment;

    private final Expander expander;

    CollectionReader(RowStore rows, QueryOptionsParser parser, CurrentEnvironment environment, Expander expander) {
        this.rows = rows;
        this.expander = expander;
        this.parser = parser;
        this.environment = environment;
    }

    ResponseEntity<Map<String, Object>> read(
            TableDefinition table, Map<String, String> query, Preferences preferences, Jwt caller) {
        Map<String, String> options = new LinkedHashMap<>(query);
        String skipToken = remove(options, "$skiptoken");
        String deltaToken = remove(options, "$deltatoken");
        QueryOptions parsed = parser.parse(table, options);
        expander.requireRead(caller, parsed);

        PageToken resumed = skipToken == null ? null : PageToken.decode(skipToken);
        Long changedAfter = deltaToken != null
                ? Long.valueOf(DeltaToken.parse(deltaToken))
                : resumed != null ? resumed.changedAfter() : null;
        boolean tracking =
                preferences.trackChanges() || changedAfter != null || (resumed != null && resumed.deltaToken() != null);
        // Taken before reading, so that whatever is written while this response is built shows in the next delta.
        Long nextDelta = !tracking
                ? null
                : resumed != null && resumed.deltaToken() != null ? resumed.deltaToken() : rows.changeToken();

        boolean paged = parsed.top() == null;
        int pageSize = paged
                ? Math.min(
                        preferences.maxPageSize() == null ? RowStore.MAX_ROWS : preferences.maxPageSize(),
                        RowStore.MAX_ROWS)
                : Math.min(parsed.top(), RowStore.MAX_ROWS);
        // Key order allows keyset paging, which neither skips nor repeats rows when others are deleted meanwhile.
        boolean keyset = parsed.orderBy().isEmpty();
        Window window = new Window(
                resumed == null || keyset ? 0 : resumed.offset(),
                resumed == null || !keyset ? null : resumed.afterId(),
                paged ? pageSize + 1 : pageSize,
                changedAfter,
                changedAfter == null ? null : nextDelta);
        List<Map<String, Object>> page = new ArrayList<>(rows.query(table, expander.fetchOptions(parsed), window));
        boolean more = paged && page.size() > pageSize;
        if (more) {
            page = page.subList(0, pageSize);
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "@odata.context",
                environment.serviceRoot() + "/$metadata#" + table.entitySetName()
                        + WebApiController.selectSuffix(parsed) + (tracking ? "/$delta" : ""));
        Long count = parsed.count() ? rows.count(table, parsed) : null;
        if (count != null) {
            body.put("@odata.count", count);
        }
        Annotations annotations = preferences.annotations();
        // Dataverse's own count annotations, -1 when the query did not ask for $count ("Count number of rows").
        if (annotations.includes(Annotations.TOTAL_RECORD_COUNT)) {
            body.put("@" + Annotations.TOTAL_RECORD_COUNT, count == null ? -1L : count);
        }
        if (annotations.includes(Annotations.TOTAL_RECORD_COUNT_LIMIT_EXCEEDED)) {
            body.put("@" + Annotations.TOTAL_RECORD_COUNT_LIMIT_EXCEEDED, false);
        }
        if (tracking && !more) {
            body.put("@odata.deltaLink", link(table, options, "$deltatoken", DeltaToken.format(nextDelta)));
        }
        List<Map<String, Object>> value = new ArrayList<>(expander.render(table, page, parsed, annotations));
        if (changedAfter != null && resumed == null) {
            rows.deletedBetween(table, changedAfter, nextDelta).forEach(id -> value.add(removed(table, id, "deleted")));
            rows.changedOutOfFilter(table, parsed, window).forEach(id -> value.add(removed(table, id, "changed")));
        }
        body.put("value", value);
        if (more) {
            int pageNumber = resumed == null ? 2 : resumed.page() + 1;
            UUID lastId = (UUID) page.get(page.size() - 1).get(table.primaryId());
            PageToken next = new PageToken(pageNumber, window.offset() + pageSize, lastId, changedAfter, nextDelta);
            body.put("@odata.nextLink", link(table, options, "$skiptoken", next.encode()));
        }

        List<String> applied = new ArrayList<>();
        if (annotations.requestedAny()) {
            applied.add(annotations.applied());
        }
        if (preferences.trackChanges()) {
            applied.add("odata.track-changes");
        }
        if (preferences.maxPageSize() != null && paged) {
            applied.add("odata.maxpagesize=" + pageSize);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(ODataJson.MEDIA_TYPE);
        if (!applied.isEmpty()) {
            response.header("Preference-Applied", Preferences.applied(applied));
        }
        return response.body(body);
    }

    /** A deleted (or no longer matching) row in a delta response, in the shape Dataverse gives it. */
    private Map<String, Object> removed(TableDefinition table, UUID id, String reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(
                "@odata.context",
                environment.serviceRoot() + "/$metadata#" + table.entitySetName() + "/$deletedEntity");
        entry.put("id", id.toString());
        entry.put("reason", reason);
        return entry;
    }

    /** The request's own URL with one more query option; '+' is escaped too, since servlet containers read it as a space. */
    private String link(TableDefinition table, Map<String, String> options, String name, String value) {
        UriComponentsBuilder builder =
                UriComponentsBuilder.fromUriString(environment.serviceRoot() + "/" + table.entitySetName());
        options.forEach(builder::queryParam);
        builder.queryParam(name, value);
        return builder.build().encode().toUriString().replace("+", "%2B");
    }

    private static String remove(Map<String, String> options, String name) {
        String key = options.keySet().stream()
                .filter(k -> k.equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
        return key == null ? null : options.remove(key);
    }
}
