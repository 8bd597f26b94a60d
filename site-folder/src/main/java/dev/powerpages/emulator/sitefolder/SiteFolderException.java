package dev.powerpages.emulator.sitefolder;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A folder that cannot be imported: not a site folder (the message names the layout found and the one expected),
 * or a malformed file (the message names the file and line). An import is all or nothing, so this ends it.
 */
public class SiteFolderException extends RuntimeException {

    private final SourceLocation source;

    public SiteFolderException(SourceLocation source, String message) {
        super(source == null ? message : source + ": " + message);
        this.source = source;
    }

    public SiteFolderException(SourceLocation source, String message, Throwable cause) {
        super(source == null ? message : source + ": " + message, cause);
        this.source = source;
    }

    /** The file and line at fault, or {@code null} when the folder as a whole is wrong. */
    public SourceLocation source() {
        return source;
    }

    /**
     * A file name Java cannot turn back into a path: under a locale whose charset cannot encode it (a Japanese name
     * under {@code LANG=C}, whose charset is ASCII), the name Java lists holds replacement characters, and any path
     * made from it fails with {@link InvalidPathException}. The import cannot go on without the file, so it ends, naming
     * the file (as far as it can be printed) and the remedy.
     *
     * @param file the file being read, relative to the folder's root, or {@code null} where none is known
     */
    public static SiteFolderException unencodableName(Path file, InvalidPathException cause) {
        String charset = System.getProperty(
                "sun.jnu.encoding", java.nio.charset.Charset.defaultCharset().name());
        return new SiteFolderException(
                file == null ? null : new SourceLocation(file, 0),
                "the file name " + (file == null ? "'" + cause.getInput() + "' " : "")
                        + "cannot be read under the platform's charset for file names (" + charset
                        + "): run the store with a UTF-8 locale (LANG=C.UTF-8)",
                cause);
    }
}
