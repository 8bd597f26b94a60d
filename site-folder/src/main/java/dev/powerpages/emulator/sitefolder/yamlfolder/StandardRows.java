package dev.powerpages.emulator.sitefolder.yamlfolder;

import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import dev.powerpages.emulator.sitefolder.yaml.YamlRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of the standard data model from a YAML row of pac's standard layout: the keys are the table's columns, the side
 * files add the columns pac keeps apart, and a {@code .webfile.yml} describes two rows, the adx_webfile and the
 * {@code annotation} that holds its content (the file beside it).
 */
final class StandardRows {

    /**
     * The annotation's columns in a {@code .webfile.yml} (pac writes the web file's sorted columns, then the note's).
     * Every other key belongs to the adx_webfile row.
     */
    static final Set<String> ANNOTATION_COLUMNS = Set.of(
            "annotationid",
            "documentbody",
            "filename",
            "filesize",
            "isdocument",
            "langid",
            "mimetype",
            "notetext",
            "objectid",
            "objecttypecode",
            "stepid",
            "subject");

    private StandardRows() {}

    /**
     * The row (and for a web file, its annotation) a YAML row describes, with its side files' columns.
     *
     * @param contentFileName a web file's content file's name where it differs from pac's in case, else {@code null}
     */
    static List<SiteRecord> of(
            RowKind kind,
            YamlRow row,
            Map<String, String> sideColumns,
            byte[] webFileContent,
            String contentFileName,
            List<ImportNote> notes) {
        Map<String, Object> columns = new LinkedHashMap<>(row.columns());
        sideColumns.forEach((column, text) -> {
            if (columns.get(column) != null) {
                notes.add(new ImportNote(
                        ImportNote.Kind.OTHER,
                        row.source(),
                        column + " is both in the row and in a file of its own; the file's text was kept"));
            }
            columns.put(column, text);
        });
        if (kind != RowKind.WEB_FILE) {
            return List.of(record(kind, columns, row.source()));
        }
        Map<String, Object> webFile = new LinkedHashMap<>();
        Map<String, Object> annotation = new LinkedHashMap<>();
        columns.forEach(
                (column, value) -> (ANNOTATION_COLUMNS.contains(column) ? annotation : webFile).put(column, value));
        boolean annotated = annotation.get("annotationid") != null;
        // No content file beside it, and none to be had from a note (a note whose file the folder lacks, or no note at
        // all): the writer writes it back without one too.
        if (webFileContent == null && (annotated || annotation.isEmpty())) {
            webFile.put(SiteRecord.NO_CONTENT_FILE, Boolean.TRUE);
        }
        if (contentFileName != null) {
            webFile.put(SiteRecord.CONTENT_FILE_NAME, contentFileName);
        }
        List<SiteRecord> rows = new ArrayList<>(2);
        rows.add(record(kind, webFile, row.source()));
        if (!annotated) {
            if ((webFileContent != null && webFileContent.length > 0) || !annotation.isEmpty()) {
                notes.add(new ImportNote(
                        ImportNote.Kind.OTHER,
                        row.source(),
                        "the web file has no annotationid, so its content is not imported"));
            } else if (webFileContent == null) {
                notes.add(new ImportNote(
                        ImportNote.Kind.OTHER,
                        row.source(),
                        "the web file has no content (no annotation, and no file beside it)"));
            } else {
                notes.add(new ImportNote(
                        ImportNote.Kind.OTHER,
                        row.source(),
                        "the web file has no content (no annotation; pac wrote an empty file beside it)"));
            }
            return rows;
        }
        if (webFileContent != null) {
            annotation.put("documentbody", webFileContent);
        } else {
            // A note whose file the folder lacks (a repository that left binaries out).
            notes.add(new ImportNote(
                    ImportNote.Kind.OTHER,
                    row.source(),
                    "the web file's content (the file beside its .webfile.yml) is missing"));
        }
        rows.add(record(RowKind.ANNOTATION, annotation, row.source()));
        return rows;
    }

    private static SiteRecord record(RowKind kind, Map<String, Object> columns, SourceLocation source) {
        return Rows.record(kind.table(), Rows.requireId(columns, kind.idColumn(), source), columns, source);
    }
}
