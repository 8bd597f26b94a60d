package dev.powerpages.emulator.appnode.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** One entity of an OData collection, read leniently: absent and {@code null} columns read as {@code null}. */
public record StoreRow(JsonNode json) {

    public String text(String column) {
        JsonNode value = json.get(column);
        return value == null || value.isNull() ? null : value.asString();
    }

    public boolean flag(String column, boolean fallback) {
        JsonNode value = json.get(column);
        return value == null || value.isNull() ? fallback : value.asBoolean(fallback);
    }

    public int number(String column, int fallback) {
        JsonNode value = json.get(column);
        return value == null || value.isNull() ? fallback : value.asInt(fallback);
    }

    /** Dataverse answers date-times as ISO-8601 with offset ({@code 2024-05-01T10:00:00Z}). */
    public Instant instant(String column) {
        String text = text(column);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** The later-created of two rows (by {@code createdon}); used to pick a web file's newest note. */
    public static StoreRow laterCreated(StoreRow a, StoreRow b) {
        Instant ta = a.instant("createdon");
        Instant tb = b.instant("createdon");
        if (ta == null) {
            return b;
        }
        return tb != null && tb.isAfter(ta) ? b : a;
    }

    /** Rows without {@code statecode} count as active; {@code 0} is Dataverse's "Active". */
    public boolean active() {
        return number("statecode", 0) == 0;
    }
}
