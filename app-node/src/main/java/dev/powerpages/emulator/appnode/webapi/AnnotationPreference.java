package dev.powerpages.emulator.appnode.webapi;

import dev.powerpages.emulator.support.odata.IncludeAnnotations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A visitor's {@code Prefer: odata.include-annotations="…"} on {@code /_api} ("Portals Web API: read operations":
 * {@code odata.include-annotations="*"} or {@code ="OData.Community.Display.V1.FormattedValue"} gives choices'
 * labels, lookups' names and the like): passed on to the store as asked, echoed in {@code Preference-Applied}, and
 * used to keep in the answer only the annotations asked for, of the columns the visitor may read.
 *
 * @param asked the preference as the visitor asked it ({@link IncludeAnnotations}, read as the store reads it)
 */
record AnnotationPreference(IncludeAnnotations asked) {

    /** The visitor's preference, or null when the request asks for no annotations. */
    static AnnotationPreference of(HttpServletRequest request) {
        IncludeAnnotations asked = IncludeAnnotations.of(Collections.list(request.getHeaders("Prefer")));
        return asked.requestedAny() ? new AnnotationPreference(asked) : null;
    }

    /** The {@code Prefer} header for the store, and the {@code Preference-Applied} one for the visitor. */
    String header() {
        return asked.header();
    }

    boolean includes(String term) {
        return asked.includes(term);
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
}
