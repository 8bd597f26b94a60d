package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.support.odata.IncludeAnnotations;
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

    static Preferences parse(String header) {
        boolean trackChanges = false;
        boolean representation = false;
        Integer maxPageSize = null;
        Annotations annotations = Annotations.NONE;
        for (String raw : IncludeAnnotations.preferences(header)) {
            String preference = raw.trim().toLowerCase(Locale.ROOT);
            if (preference.startsWith(IncludeAnnotations.PREFERENCE)) {
                // the value keeps its case: Preference-Applied echoes it as asked
                annotations = Annotations.parse(raw.trim().substring(IncludeAnnotations.PREFERENCE.length()));
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

    /** The {@code Preference-Applied} values for what was honoured. */
    static String applied(List<String> preferences) {
        return preferences.isEmpty() ? null : String.join(",", new ArrayList<>(preferences));
    }
}
