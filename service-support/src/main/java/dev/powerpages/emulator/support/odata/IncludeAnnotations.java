package dev.powerpages.emulator.support.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instance annotations a client asked for with {@code Prefer: odata.include-annotations="…"} (OData 4.01
 * Protocol, 8.2.8.4; Dataverse: "Query data using the Web API", "Formatted values" and "Lookup property data"; the
 * Power Pages Web API passes it on): {@code "*"} for all, a namespace wildcard such as {@code
 * "Microsoft.Dynamics.CRM.*"}, exact term names, a comma list of these, and exclusions written with a leading {@code -}
 * ({@code "-*"} asks for none), an exclusion winning over an inclusion. Read once here for the store's Web API and the
 * app node's {@code /_api}.
 *
 * @param requested the preference's value as the client wrote it, without its quotes; null when not asked
 */
public record IncludeAnnotations(String requested, List<String> include, List<String> exclude) {

    /** The preference's name with its equals sign, as it starts a preference in the header. */
    public static final String PREFERENCE = "odata.include-annotations=";

    /** No preference: an answer carries no annotation. */
    public static final IncludeAnnotations NONE = new IncludeAnnotations(null, List.of(), List.of());

    public IncludeAnnotations {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The preference's value, quoted or not; null or blank asks for nothing. */
    public static IncludeAnnotations parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String unquoted = value.strip();
        if (unquoted.length() >= 2 && unquoted.startsWith("\"") && unquoted.endsWith("\"")) {
            unquoted = unquoted.substring(1, unquoted.length() - 1);
        }
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String raw : unquoted.split(",")) {
            String term = raw.strip();
            if (term.startsWith("-")) {
                exclude.add(term.substring(1).strip());
            } else if (!term.isEmpty()) {
                include.add(term);
            }
        }
        return new IncludeAnnotations(unquoted, include, exclude);
    }

    /** The preference among a request's {@code Prefer} headers (the last one given wins), or {@link #NONE}. */
    public static IncludeAnnotations of(Iterable<String> preferHeaders) {
        IncludeAnnotations found = NONE;
        for (String header : preferHeaders) {
            for (String preference : preferences(header)) {
                String trimmed = preference.strip();
                if (trimmed.toLowerCase(Locale.ROOT).startsWith(PREFERENCE)) {
                    found = parse(trimmed.substring(PREFERENCE.length()));
                }
            }
        }
        return found;
    }

    /**
     * The preferences of a {@code Prefer} header, split at the commas outside quoted strings (RFC 7240's
     * quoted-string): {@code odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.*"}
     * is one. None for a null header.
     */
    public static List<String> preferences(String header) {
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

    /** Whether the client asked for anything at all (an answer to it says so in {@code Preference-Applied}). */
    public boolean requestedAny() {
        return requested != null;
    }

    /** Whether an annotation term (e.g. {@code OData.Community.Display.V1.FormattedValue}) goes into the answer. */
    public boolean includes(String term) {
        return matchesAny(include, term) && !matchesAny(exclude, term);
    }

    /**
     * The preference quoted ({@code odata.include-annotations="…"}): what {@code Preference-Applied} echoes, as
     * Dataverse echoes the preference as it was asked, and what a node passes on (quoted, so that a comma list stays one
     * preference).
     */
    public String header() {
        return PREFERENCE + "\"" + requested + "\"";
    }

    private static boolean matchesAny(List<String> patterns, String term) {
        for (String pattern : patterns) {
            if (pattern.equals("*")
                    || pattern.equalsIgnoreCase(term)
                    || pattern.endsWith(".*") && term.regionMatches(true, 0, pattern, 0, pattern.length() - 1)) {
                return true;
            }
        }
        return false;
    }
}
