package dev.powerpages.emulator.store.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.powerpages.emulator.sitefolder.ImportNote;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an import did and noticed: served at {@code GET /_services/site} and summed up in the log.
 *
 * @param directory          the folder
 * @param layout             the layout found ({@code STANDARD_YAML}, {@code ENHANCED_YAML}, {@code SOLUTION_XML})
 * @param dataModel          {@code STANDARD} (adx_ tables) or {@code ENHANCED} (powerpagecomponent, mspp_ tables)
 * @param importedAt         when it committed
 * @param millis             how long reading and writing took
 * @param rowsPerTable       the folder's rows per table
 * @param changes            rows created, updated, deleted and left as they were
 * @param notes              files not the site's, kinds the emulator does not use, duplicate ids…; never fatal
 * @param columnsNotInSchema columns a folder's rows have that the schema lacks ({@code table.column}: rows), kept
 *                           beside the rows and exported again
 * @param tablesNotInSchema  the same for whole tables
 */
@JsonPropertyOrder({
    "directory",
    "layout",
    "dataModel",
    "importedAt",
    "millis",
    "rowsPerTable",
    "changes",
    "notes",
    "columnsNotInSchema",
    "tablesNotInSchema"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(
        String directory,
        String layout,
        String dataModel,
        Instant importedAt,
        long millis,
        Map<String, Integer> rowsPerTable,
        Changes changes,
        List<Note> notes,
        Map<String, Integer> columnsNotInSchema,
        Map<String, Integer> tablesNotInSchema) {

    @JsonPropertyOrder({"created", "updated", "deleted", "unchanged"})
    public record Changes(int created, int updated, int deleted, int unchanged) {

        boolean any() {
            return created + updated + deleted > 0;
        }
    }

    /** A note of the reader or the import: what kind, where (file and line), what. */
    @JsonPropertyOrder({"kind", "source", "message"})
    public record Note(String kind, String source, String message) {

        static Note of(ImportNote note) {
            return new Note(
                    note.kind().name(),
                    note.source() == null ? null : note.source().toString(),
                    note.message());
        }
    }

    public int rows() {
        return rowsPerTable.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line for the log. */
    String summary() {
        StringBuilder line = new StringBuilder();
        line.append(rows())
                .append(" rows in ")
                .append(rowsPerTable.size())
                .append(" tables (")
                .append(layout)
                .append(", ")
                .append(dataModel.toLowerCase())
                .append(" data model): ")
                .append(changes.created())
                .append(" created, ")
                .append(changes.updated())
                .append(" updated, ")
                .append(changes.deleted())
                .append(" deleted, ")
                .append(changes.unchanged())
                .append(" unchanged in ")
                .append(millis)
                .append(" ms");
        if (!notes.isEmpty()) {
            Map<String, Long> kinds = new java.util.TreeMap<>();
            notes.forEach(n -> kinds.merge(n.kind(), 1L, Long::sum));
            line.append("; ").append(notes.size()).append(" notes ").append(kinds);
        }
        if (!columnsNotInSchema.isEmpty()) {
            line.append("; columns kept outside the schema: ").append(columnsNotInSchema);
        }
        if (!tablesNotInSchema.isEmpty()) {
            line.append("; tables kept outside the schema: ").append(tablesNotInSchema);
        }
        return line.toString();
    }
}
