package dev.powerpages.emulator.support.error;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The error body every service of the stack answers with, {@code {"error":{"code":…,"message":…}}}: Dataverse's and
 * Azure Resource Manager's shape, which the app node's own endpoints, the store, the traffic manager and the
 * dashboard share (the gateway adds a {@code reference} to it, in its own record). Code first, as Dataverse and ARM
 * write it: a record rather than {@code Map.of}, whose iteration order changes from one JVM run to the next, with the
 * order pinned because Jackson 3 sorts properties alphabetically unless told.
 *
 * <p>{@link #json} writes the same document without a mapper, for the answers written before Spring MVC is reached
 * (request limits, Tomcat's own refusals, the admin key's 401).
 */
public record ErrorEnvelope(Body error) {

    @JsonPropertyOrder({"code", "message"})
    public record Body(String code, String message) {}

    public static ErrorEnvelope of(String code, String message) {
        return new ErrorEnvelope(new Body(code, message));
    }

    /** The envelope as JSON text; {@code <} and {@code >} escaped too, so the body never reads as markup. */
    public static String json(String code, String message) {
        return "{\"error\":{\"code\":\"" + escape(code) + "\",\"message\":\"" + escape(message) + "\"}}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
