package dev.powerpages.emulator.dashboard;

import dev.powerpages.emulator.dashboard.DashboardSnapshot.Marker;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The chart markers from the traffic manager's event list ({@code GET /api/profiles/{name}/events}, newest first,
 * under {@code value}): endpoint status changes ({@code "kind":"StatusChange"}, or no kind, as the list had before
 * kinds), scaling decisions ({@code "kind":"Scale"} with {@code "instances":{"from":1,"to":2}}) and any other kind
 * as it comes, so that a kind added later is drawn rather than dropped. Oldest first, as a chart reads.
 */
final class EventMarkers {

    static final String STATUS_CHANGE = "StatusChange";
    static final String SCALE = "Scale";

    private EventMarkers() {}

    static List<Marker> from(JsonNode events) {
        JsonNode entries = events.isArray() ? events : events.path("value");
        List<Marker> markers = new ArrayList<>();
        for (JsonNode entry : entries.values()) {
            Instant time = instant(entry.path("time"));
            if (time == null) {
                continue; // a marker needs a place on the time axis
            }
            String kind = text(entry, "kind");
            kind = kind == null ? STATUS_CHANGE : kind;
            String endpoint = text(entry, "endpoint");
            if (endpoint == null) {
                endpoint = text(entry, "region");
            }
            markers.add(
                    new Marker(time.toEpochMilli(), time.toString(), kind, endpoint, describe(kind, endpoint, entry)));
        }
        markers.sort(Comparator.comparingLong(Marker::epochMillis));
        return markers;
    }

    private static String describe(String kind, String endpoint, JsonNode entry) {
        String who = endpoint == null ? "" : endpoint + ": ";
        String reason = text(entry, "reason");
        String because = reason == null ? "" : " (" + reason + ")";
        if (STATUS_CHANGE.equals(kind) && entry.has("newStatus")) {
            return who + text(entry, "oldStatus") + " \u2192 " + text(entry, "newStatus") + because;
        }
        JsonNode instances = entry.path("instances");
        if (SCALE.equals(kind) && instances.has("from") && instances.has("to")) {
            return who + instances.path("from").asString() + " \u2192 "
                    + instances.path("to").asString() + " instances" + because;
        }
        String message = text(entry, "message");
        return who + kind + (message != null ? ": " + message : because);
    }

    private static Instant instant(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }
}
