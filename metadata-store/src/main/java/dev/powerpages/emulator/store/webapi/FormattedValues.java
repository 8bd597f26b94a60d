package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The annotations Dataverse writes beside a row's values when asked ({@link Annotations}): each value's
 * {@code @OData.Community.Display.V1.FormattedValue}, and for a lookup also
 * {@code @Microsoft.Dynamics.CRM.associatednavigationproperty} and {@code @Microsoft.Dynamics.CRM.lookuplogicalname},
 * in that order and before the value, as the Web API's examples show them ("Query data using the Web API",
 * "Formatted values"; "Lookup property data"). A null value has none.
 *
 * <p>What each column type shows, formatted as Dataverse formats it for a user whose settings are the organization's
 * base language, English (United States, 1033, the language of the schema's labels and of {@code stringmap}), in UTC
 * (the emulator keeps no user settings or time zones):
 * <ul>
 * <li>a choice: its option's label (the schema's options, where the stringmap rows come from); a choice whose options
 *     the schema does not name, or a value outside them, has none;</li>
 * <li>choices (multi-select): the labels of the chosen options joined by {@code "; "} ("Choices columns": "a
 *     semi-colon separated string containing the labels of the selected options");</li>
 * <li>Yes/No: {@code Yes} or {@code No}, the labels Dataverse gives a new Yes/No column (the schema names none);</li>
 * <li>a lookup: the primary name of the row it references (read once per table and answer, for all its rows);</li>
 * <li>a date and time: {@code 9/20/2022 4:14 PM};</li>
 * <li>whole numbers: {@code 9,500}; decimals: two places, {@code 1,234.50} (Dataverse's default precision);
 *     currency: the base currency's symbol, US dollar, and two places: {@code $5,000,000.00}.</li>
 * </ul>
 * Text, GUIDs and file columns have no formatted value, as in Dataverse.
 */
@Component
class FormattedValues {

    /** en-US short date and time, as Dataverse formats {@code 2022-09-20T16:14:51Z} for such a user. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US);

    private static final String CURRENCY_SYMBOL = "$";

    private final RowStore rows;
    private final EnvironmentSchemas schemas;

    FormattedValues(RowStore rows, EnvironmentSchemas schemas) {
        this.rows = rows;
        this.schemas = schemas;
    }

    /**
     * What annotates a page of a table's rows, or null when none is asked (the rows are then written as without the
     * preference). The names of the rows its shown lookups reference are read here, one query per referenced table.
     */
    ODataJson.Annotator forRows(
            TableDefinition table,
            Collection<Map<String, Object>> page,
            List<ColumnDefinition> select,
            Annotations annotations) {
        if (!annotations.requestedAny() || !annotations.anyRowAnnotation()) {
            return null; // the default answer: written as it always was
        }
        boolean formatted = annotations.includes(Annotations.FORMATTED_VALUE);
        boolean navigation = annotations.includes(Annotations.ASSOCIATED_NAVIGATION_PROPERTY);
        boolean logicalName = annotations.includes(Annotations.LOOKUP_LOGICAL_NAME);
        Map<String, Map<UUID, String>> names = formatted ? lookupNames(table, page, select) : Map.of();
        return (column, value, json) -> {
            String property = column.propertyName();
            if (column.isLookup()) {
                if (formatted && value instanceof UUID id) {
                    String name = names.getOrDefault(column.target(), Map.of()).get(id);
                    if (name != null) {
                        json.put(property + "@" + Annotations.FORMATTED_VALUE, name);
                    }
                }
                if (navigation && column.navigation() != null) {
                    json.put(property + "@" + Annotations.ASSOCIATED_NAVIGATION_PROPERTY, column.navigation());
                }
                if (logicalName) {
                    json.put(property + "@" + Annotations.LOOKUP_LOGICAL_NAME, column.target());
                }
            } else if (formatted && !column.name().equals(table.primaryId())) {
                String text = format(column, value);
                if (text != null) {
                    json.put(property + "@" + Annotations.FORMATTED_VALUE, text);
                }
            }
        };
    }

    /** A value's display text, or null for a type (or value) Dataverse gives none. */
    static String format(ColumnDefinition column, Object value) {
        return switch (column.type()) {
            case CHOICE -> value instanceof Number number ? column.options().get(number.intValue()) : null;
            case MULTICHOICE -> value instanceof String chosen ? labels(column, chosen) : null;
            case BOOLEAN -> value instanceof Boolean yes ? (yes ? "Yes" : "No") : null;
            case DATETIME ->
                value instanceof OffsetDateTime dateTime
                        ? DATE_TIME.format(dateTime.withOffsetSameInstant(ZoneOffset.UTC))
                        : null;
            case INTEGER, BIGINT ->
                value instanceof Number number ? String.format(Locale.US, "%,d", number.longValue()) : null;
            case DECIMAL -> value instanceof BigDecimal number ? twoPlaces(number) : null;
            case MONEY ->
                value instanceof BigDecimal number
                        ? (number.signum() < 0 ? "-" : "") + CURRENCY_SYMBOL + twoPlaces(number.abs())
                        : null;
            default -> null;
        };
    }

    private static String twoPlaces(BigDecimal number) {
        return String.format(Locale.US, "%,.2f", number.setScale(2, RoundingMode.HALF_UP));
    }

    /** {@code "1,3"} → {@code "Reading; Swimming"}: the labels of the chosen options the schema names. */
    private static String labels(ColumnDefinition column, String chosen) {
        if (column.options().isEmpty()) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (String item : chosen.split(",")) {
            try {
                String label = column.options().get(Integer.parseInt(item.strip()));
                if (label != null) {
                    labels.add(label);
                }
            } catch (NumberFormatException notAnOption) {
                // a value written before its column named options: no label
            }
        }
        return labels.isEmpty() ? null : String.join("; ", labels);
    }

    /**
     * The primary names of the rows the page's shown lookups reference, by referenced table and id: one query per
     * referenced table however many rows and lookup columns name it.
     */
    private Map<String, Map<UUID, String>> lookupNames(
            TableDefinition table, Collection<Map<String, Object>> page, List<ColumnDefinition> select) {
        Map<String, Set<UUID>> wanted = new LinkedHashMap<>();
        for (ColumnDefinition column : table.columns()) {
            if (!column.isLookup() || !(select.isEmpty() || select.contains(column))) {
                continue;
            }
            for (Map<String, Object> row : page) {
                if (row.get(column.name()) instanceof UUID id) {
                    wanted.computeIfAbsent(column.target(), t -> new LinkedHashSet<>())
                            .add(id);
                }
            }
        }
        Map<String, Map<UUID, String>> names = new HashMap<>();
        wanted.forEach((targetName, ids) -> {
            Optional<TableDefinition> target = schemas.current().table(targetName);
            if (target.isEmpty() || target.get().primaryName() == null) {
                return; // a table without a primary name column: its references have no display name
            }
            TableDefinition referenced = target.get();
            Optional<ColumnDefinition> nameColumn = referenced.column(referenced.primaryName());
            Optional<ColumnDefinition> key = referenced.column(referenced.primaryId());
            if (nameColumn.isEmpty() || key.isEmpty()) {
                return;
            }
            Map<UUID, String> byId = new HashMap<>();
            for (Map<String, Object> row : rows.findByColumnIn(referenced, key.get(), ids, List.of(nameColumn.get()))) {
                Object name = row.get(nameColumn.get().name());
                if (row.get(referenced.primaryId()) instanceof UUID id && name != null) {
                    byId.put(id, name.toString());
                }
            }
            names.put(targetName, byId);
        });
        return names;
    }
}
