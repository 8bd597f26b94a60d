package dev.powerpages.emulator.appnode.liquid;

/**
 * A web template could not be parsed or rendered; names the template and, when known, the line, so the author
 * can find it.
 */
public class TemplateRenderException extends RuntimeException {

    private final String templateName;
    private final int line;

    /** @param line 1-based line in the template's source, {@code 0} when unknown */
    public TemplateRenderException(String templateName, String message, int line, Throwable cause) {
        super(message, cause);
        this.templateName = templateName;
        this.line = line;
    }

    /** Tags or expressions nested so deeply that parsing, composing or rendering them overflowed the stack. */
    public static TemplateRenderException nestedTooDeeply(String templateName, StackOverflowError cause) {
        return new TemplateRenderException(
                templateName, "tags or expressions are nested too deeply to render", 0, cause);
    }

    public String templateName() {
        return templateName;
    }

    public int line() {
        return line;
    }
}
