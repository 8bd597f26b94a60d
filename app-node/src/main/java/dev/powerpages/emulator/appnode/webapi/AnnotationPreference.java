package dev.powerpages.emulator.appnode.webapi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A visitor's {@code Prefer: odata.include-annotations="…"} on {@code /_api} ("Portals Web API: read operations":
 * {@code odata.include-annotations="*"} or {@code ="OData.Community.Display.V1.FormattedValue"} gives choices'
 * labels, lookups' names and the like): passed on to the store as asked, echoed in {@code Preference-Applied}, and
 * used to keep in the answer only the annotations asked for, of the columns the visitor may read.
 *
 * @param value the preference's value as the visitor wrote it, quotes included ({@code "*"})
 */
record AnnotationPreference(String value, List<String> include, List<String> exclude) {

    private static final String NAME = "odata.include-annotations=";

    /** The visitor's preference, or null when the request asks for no annotations. */
    static AnnotationPreference of(HttpServletRequest request) {
        String found = null;
        for (String header : Collections.list(request.getHeaders("Prefer"))) {
            for (String preference : split(header)) {
                String trimmed = preference.strip();
                if (trimmed.toLowerCase(Locale.ROOT).startsWith(NAME)) {
                    found = trimmed.substring(NAME.length()).strip();
                }
            }
        }
        if (found == null || found.isEmpty()) {
            return null;
        }
        String unquoted = found.length() >= 2 && found.startsWith("\"") && found.endsWith("\"")
                ? found.substring(1, found.length() - 1)
                : found;
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
        // Always sent quoted on: a comma list would otherwise read as several preferences.
        return new AnnotationPreference("\"" + unquoted + "\"", include, exclude);
    }

    /** The {@code Prefer} header for the store, and the {@code Preference-Applied} one for the visitor. */
    String header() {
        return NAME + value;
    }

    boolean includes(String term) {
        return matches(include, term) && !matches(exclude, term);
    }

    /**
     * Keeps, in every row of an answer (expanded rows too), only the annotations asked for of properties the row
     * shows: an annotation never tells more than the column it annotates, which the site's settings let through.
     */
    JsonNode filter(JsonNode answer, java.util.Set<String> privateColumns) {
        if (answer instanceof ObjectNode object) {
            if (object.has("value") && object.get("value").isArray()) {
                object.get("value").forEach(row -> filterRow(row, privateColumns));
            } else {
                filterRow(object, privateColumns);
            }
        }
        return answer;
    }

    private void filterRow(JsonNode node, java.util.Set<String> privateColumns) {
        if (!(node instanceof ObjectNode row)) {
            return;
        }
        List<String> drop = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : row.properties()) {
            String name = property.getKey();
            int at = name.indexOf('@');
            if (at > 0) {
                String column = name.substring(0, at);
                if (!row.has(column) || privateColumns.contains(column) || !includes(name.substring(at + 1))) {
                    drop.add(name);
                }
            } else if (property.getValue().isObject()) {
                filterRow(property.getValue(), privateColumns); // a single-valued expansion
            } else if (property.getValue().isArray()) {
                property.getValue().forEach(child -> filterRow(child, privateColumns)); // a collection expansion
            }
        }
        drop.forEach(row::remove);
    }

    private static boolean matches(List<String> patterns, String term) {
        for (String pattern : patterns) {
            if (pattern.equals("*")
                    || pattern.equalsIgnoreCase(term)
                    || pattern.endsWith(".*") && term.regionMatches(true, 0, pattern, 0, pattern.length() - 1)) {
                return true;
            }
        }
        return false;
    }

    /** A {@code Prefer} header's preferences, split at the commas outside quoted strings (RFC 7240). */
    private static List<String> split(String header) {
        List<String> preferences = new ArrayList<>();
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
}
