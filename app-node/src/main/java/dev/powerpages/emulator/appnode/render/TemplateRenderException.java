package dev.powerpages.emulator.appnode.render;

/** A web template could not be parsed or rendered; names the template so the author can find it. */
public class TemplateRenderException extends RuntimeException {

    private final String templateName;

    public TemplateRenderException(String templateName, String message, Throwable cause) {
        super(message, cause);
        this.templateName = templateName;
    }

    public String templateName() {
        return templateName;
    }
}
