package dev.powerpages.emulator.sitefolder;

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
}
