package dev.powerpages.emulator.store.webapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Prefer} request header (RFC 7240) as Dataverse's Web API reads it: preferences may come
 * in one header separated by commas or in several headers. Unknown or malformed preferences are
 * ignored, as RFC 7240 asks.
 *
 * @param trackChanges         {@code odata.track-changes}: answer with an {@code @odata.deltaLink}
 * @param maxPageSize          {@code odata.maxpagesize=N}, or null
 * @param returnRepresentation {@code return=representation}
 * @param annotations          {@code odata.include-annotations="…"}: {@link Annotations#NONE} when not asked
 */
record Preferences(boolean trackChanges, Integer maxPageSize, boolean returnRepresentation, Annotations annotations) {

    private static final String INCLUDE_ANNOTATIONS = "odata.include-annotations=";

    static Preferences parse(String header) {
        boolean trackChanges = false;
        boolean representation = false;
        Integer maxPageSize = null;
        Annotations annotations = Annotations.NONE;
        for (String raw : split(header)) {
            String preference = raw.trim().toLowerCase(Locale.ROOT);
            if (preference.startsWith(INCLUDE_ANNOTATIONS)) {
                // the value keeps its case: Preference-Applied echoes it as asked
                annotations = Annotations.parse(raw.trim().substring(INCLUDE_ANNOTATIONS.length()));
            } else if (preference.equals("odata.track-changes")) {
                trackChanges = true;
            } else if (preference.equals("return=representation")) {
                representation = true;
            } else if (preference.startsWith("odata.maxpagesize=")) {
                try {
                    int size = Integer.parseInt(preference
                            .substring("odata.maxpagesize=".length())
                            .replace("\"", "")
                            .trim());
                    maxPageSize = size > 0 ? size : null;
                } catch (NumberFormatException ignored) {
                    // an unusable preference is ignored (RFC 7240 section 2)
                }
            }
        }
        return new Preferences(trackChanges, maxPageSize, representation, annotations);
    }

    /**
     * The preferences of a header, split at the commas outside quoted strings (RFC 7240's quoted-string): {@code
     * odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.*"} is one.
     */
    private static List<String> split(String header) {
        List<String> preferences = new ArrayList<>();
        if (header == null) {
            return preferences;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                preferences.add(header.substring(start, i));
                start = i + 1;
            }
        }
        preferences.add(header.substring(start));
        return preferences;
    }

    /** The {@code Preference-Applied} values for what was honoured. */
    static String applied(List<String> preferences) {
        return preferences.isEmpty() ? null : String.join(",", new ArrayList<>(preferences));
    }
}
