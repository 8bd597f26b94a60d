package dev.powerpages.emulator.appnode.forms;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text columns of the form tables that newer Power Pages writes as a list of per-language values
 * ({@code [{"LCID":1033,"Value":"Contact us"}]}, e.g. {@code adx_label} of basic form metadata) and older sites as
 * plain text. The emulator serves one language: the first value that is not blank.
 */
final class Localized {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Localized() {}

    static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (!trimmed.startsWith("[")) {
            return value;
        }
        try {
            for (JsonNode entry : JSON.readTree(trimmed)) {
                String text = entry.path("Value").asString("");
                if (!text.isBlank()) {
                    return text;
                }
            }
            return null;
        } catch (RuntimeException notJson) {
            return value;
        }
    }
}
