package dev.powerpages.emulator.sitefolder;

import java.util.Map;

/**
 * One Dataverse row as a site folder describes it.
 *
 * @param table   the table's logical name ({@code adx_webpage}, {@code annotation}, {@code powerpagecomponent} …)
 * @param id      the row's primary key as written in the folder (a site's own GUIDs are kept)
 * @param columns logical column name to value, in the order the folder wrote them: {@code String}, {@code Boolean},
 *                {@code Long}, {@code java.math.BigDecimal}, {@code byte[]} (a file's content: an annotation's
 *                {@code documentbody}, a component's {@code filecontent}) or {@code null}; a lookup is the target
 *                row's id under the lookup column's logical name ({@code adx_parentpageid}); an N:N relationship is a
 *                {@code List<String>} of the related rows' ids under the relationship's schema name
 *                ({@code adx_entitypermission_webrole}); text kept in a side
 *                file ({@code .copy.html}, {@code .webtemplate.source.html} …) is the column's value; a name
 *                starting with {@link #FOLDER_FACT} is no column but a fact about the folder the writer needs to
 *                write it back as it was ({@link #NO_CONTENT_FILE}, {@link #CONTENT_FILE_NAME}), which an importer keeps beside the row
 * @param source  the file (and line) the row was read from, for messages
 */
public record SiteRecord(String table, String id, Map<String, Object> columns, SourceLocation source) {

    /** How the names of folder facts start: no Dataverse column name can ({@code [a-z][a-z0-9_]*}). */
    public static final String FOLDER_FACT = "#";

    /**
     * On a web file without an annotation, {@code true}: the folder had no content file beside its
     * {@code .webfile.yml}. pac writes an empty file for such a web file in some downloads and none in others, and
     * nothing in the row tells which, so the reader records it and the writer follows it.
     */
    public static final String NO_CONTENT_FILE = FOLDER_FACT + "nocontentfile";

    /**
     * On a web file, the name of the content file beside its {@code .webfile.yml} when that name differs from the one
     * pac derives ({@code logo.png.webfile.yml} → {@code logo.png}) in letter case only ({@code Logo.png}). Windows and
     * macOS file systems do not tell the two apart, so pac pairs them there, and a folder made on one and checked out
     * where case matters (git keeps the name a file was first added under) still has them; the writer writes the
     * content back under the name the folder had.
     */
    public static final String CONTENT_FILE_NAME = FOLDER_FACT + "contentfilename";

    /** Whether a name in {@link #columns()} is a folder fact rather than a column. */
    public static boolean isFolderFact(String name) {
        return name.startsWith(FOLDER_FACT);
    }
}
