package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;

/** Writes rows the way Dataverse's Web API shows them (OData JSON, minimal metadata). */
final class ODataJson {

    static final MediaType MEDIA_TYPE = MediaType.parseMediaType("application/json; odata.metadata=minimal");

    /** Dataverse shows date-times in UTC to the second: {@code 2024-05-01T09:30:00Z}. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private ODataJson() {}

    static String etag(Object version) {
        return "W/\"" + version + "\"";
    }

    /** Writes a shown, non-null value's annotations into the row's JSON, just before the value itself. */
    @FunctionalInterface
    interface Annotator {
        void annotate(ColumnDefinition column, Object value, Map<String, Object> json);
    }

    /** A row with its etag; with a $select, only the selected columns and the primary key, as Dataverse answers. */
    static Map<String, Object> row(TableDefinition table, Map<String, Object> row, List<ColumnDefinition> select) {
        return row(table, row, select, null);
    }

    /** The same, each value preceded by its annotations when an annotator is given (null: none, as without one). */
    static Map<String, Object> row(
            TableDefinition table, Map<String, Object> row, List<ColumnDefinition> select, Annotator annotator) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.etag", etag(row.get("versionnumber")));
        row.forEach((name, value) -> {
            ColumnDefinition column = table.column(name).orElseThrow();
            boolean shown = select.isEmpty() || select.contains(column) || name.equals(table.primaryId());
            if (shown) {
                if (annotator != null && value != null) {
                    annotator.annotate(column, value, json);
                }
                json.put(column.propertyName(), value(value));
            }
        });
        return json;
    }

    private static Object value(Object value) {
        if (value instanceof OffsetDateTime dateTime) {
            return DATE_TIME.format(dateTime.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        return value;
    }
}
