package dev.powerpages.emulator.cli.site;

import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.SiteUrl;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the store says of the default environment's site ({@code GET /_services/site}, admin key): the demo site or a
 * folder's, the last import's report and notes, how the folder is watched, and the error that keeps the folder's
 * current state out, if any.
 */
public final class StoreSite {

    /** A note of the import: its kind ({@code NOT_SITE_FILE}, {@code UNUSED_KIND}, {@code DUPLICATE_ID}, …), where, what. */
    public record Note(String kind, String source, String message) {}

    /** Why the folder's current state is not the site (a malformed edit): the last good site is served meanwhile. */
    public record Failure(String file, Integer line, String message, Instant since) {

        public String where() {
            return file == null ? "" : line == null ? file : file + ":" + line;
        }
    }

    /**
     * @param source      {@code demo} or {@code folder}
     * @param directory   the folder, or null for the demo site
     * @param layout      {@code STANDARD_YAML}, {@code ENHANCED_YAML} or {@code SOLUTION_XML} (null for the demo)
     * @param rowsPerTable the folder's rows per table
     * @param changedAt   when the site last changed in the store (its import or its last imported edit), or null
     */
    public record Status(
            String source,
            String directory,
            String layout,
            String dataModel,
            String watching,
            Failure error,
            Instant changedAt,
            Map<String, Integer> rowsPerTable,
            List<Note> notes,
            Map<String, Integer> columnsNotInSchema,
            Map<String, Integer> tablesNotInSchema,
            Long lastEditMillis) {

        public boolean demo() {
            return directory == null || "demo".equals(source);
        }

        public int rows() {
            return rowsPerTable.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Http http;
    private final String storeUrl;
    private final String adminKey;

    public StoreSite(Http http, String storeUrl, String adminKey) {
        this.http = http;
        this.storeUrl = storeUrl;
        this.adminKey = adminKey;
    }

    public Status status() {
        URI uri = SiteUrl.resolve(storeUrl, "/_services/site");
        return parse(http.getJson(uri, Map.of("X-Admin-Key", adminKey, "Accept", "application/json")));
    }

    static Status parse(JsonNode site) {
        JsonNode report = site.path("report");
        JsonNode error = site.path("error");
        JsonNode lastEdit = site.path("lastEdit");
        Instant imported = instant(report.path("importedAt"));
        Instant edited = instant(lastEdit.path("committedAt"));
        Instant changed = imported == null ? edited : edited == null || imported.isAfter(edited) ? imported : edited;
        List<Note> notes = new ArrayList<>();
        for (JsonNode note : report.path("notes")) {
            notes.add(new Note(text(note.path("kind")), text(note.path("source")), text(note.path("message"))));
        }
        Failure failure = error.isObject()
                ? new Failure(
                        text(error.path("file")),
                        error.path("line").isNumber() ? error.path("line").asInt() : null,
                        text(error.path("message")),
                        instant(error.path("since")))
                : null;
        return new Status(
                text(site.path("source")),
                text(site.path("directory")),
                text(report.path("layout")),
                text(report.path("dataModel")),
                text(site.path("watching")),
                failure,
                changed,
                counts(report.path("rowsPerTable")),
                notes,
                counts(report.path("columnsNotInSchema")),
                counts(report.path("tablesNotInSchema")),
                lastEdit.path("savedToCommittedMillis").isNumber()
                        ? lastEdit.path("savedToCommittedMillis").asLong()
                        : null);
    }

    private static Map<String, Integer> counts(JsonNode object) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        object.properties()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue().asInt()));
        return counts;
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    /** An instant as Jackson writes one: ISO-8601 text, or seconds since the epoch (with a fraction). */
    static Instant instant(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(node.asString());
    }
}
