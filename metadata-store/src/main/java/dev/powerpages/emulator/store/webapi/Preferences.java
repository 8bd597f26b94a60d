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
 */
record Preferences(boolean trackChanges, Integer maxPageSize, boolean returnRepresentation) {

    static Preferences parse(String header) {
        boolean trackChanges = false;
        boolean representation = false;
        Integer maxPageSize = null;
        for (String raw : header == null ? new String[0] : header.split(",")) {
            String preference = raw.trim().toLowerCase(Locale.ROOT);
            if (preference.equals("odata.track-changes")) {
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
        return new Preferences(trackChanges, maxPageSize, representation);
    }

    /** The {@code Preference-Applied} values for what was honoured. */
    static String applied(List<String> preferences) {
        return preferences.isEmpty() ? null : String.join(",", new ArrayList<>(preferences));
    }
}
