package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ColumnType;
import dev.powerpages.emulator.store.schema.SchemaLoader;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a create/update body into column values. Lookups are set as Dataverse sets them, through
 * the navigation property: {@code "parentcustomerid_account@odata.bind": "/accounts(<guid>)"}.
 * Columns the store maintains (createdon, modifiedon, versionnumber) are ignored, as Dataverse ignores
 * them; unknown properties and values of the wrong type are rejected with 0x80048d19.
 */
final class PayloadReader {

    private static final int MAX_STRING = 4000;
    private static final int MAX_MEMO = 1_000_000;
    private static final Pattern BINDING = Pattern.compile("(?:.*/)?([A-Za-z_][A-Za-z0-9_]*)\\(([0-9a-fA-F-]{36})\\)");

    private final ObjectMapper mapper;
    /** The request's environment's tables, which lookups ({@code @odata.bind}) resolve against. */
    private final Supplier<StoreSchema> schema;

    PayloadReader(ObjectMapper mapper, Supplier<StoreSchema> schema) {
        this.mapper = mapper;
        this.schema = schema;
    }

    /** Column values by logical name; the primary id is included when the body names it. */
    Map<String, Object> read(TableDefinition table, String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw DataverseException.badPayload(
                    table.logicalName(), "The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw DataverseException.badPayload(table.logicalName(), "The request body must be a JSON object.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (name.endsWith("@odata.bind")) {
                bind(table, name.substring(0, name.length() - "@odata.bind".length()), value, values);
            } else if (name.startsWith("@") || name.contains("@")) {
                continue; // instance annotations such as @odata.type or @odata.etag
            } else {
                Optional<ColumnDefinition> column =
                        table.column(name).filter(c -> !c.isLookup() && c.type().isProperty());
                if (column.isEmpty()) {
                    throw DataverseException.badPayload(
                            table.logicalName(),
                            "The property '" + name
                                    + "' does not exist on type '" + table.edmTypeName()
                                    + "'. Make sure to only use property names that are defined by the type.");
                }
                if (!column.get().system()) {
                    values.put(name, convert(table, column.get(), value));
                }
            }
        }
        return values;
    }

    private void bind(TableDefinition table, String navigation, JsonNode value, Map<String, Object> values) {
        ColumnDefinition lookup = table.navigation(navigation)
                .orElseThrow(
                        () -> DataverseException.badPayload(
                                table.logicalName(),
                                "An undeclared property '" + navigation
                                        + "' which only has property annotations in the payload but no property value was found in the payload."));
        if (value.isNull()) {
            values.put(lookup.name(), null);
            return;
        }
        TableDefinition target = schema.get().requireTable(lookup.target());
        Matcher matcher = value.isString() ? BINDING.matcher(value.asString()) : null;
        if (matcher == null || !matcher.matches() || !matcher.group(1).equals(target.entitySetName())) {
            throw DataverseException.badPayload(
                    table.logicalName(),
                    "The value of " + navigation
                            + "@odata.bind must reference a row of " + target.entitySetName() + ", like '/"
                            + target.entitySetName()
                            + "(00000000-0000-0000-0000-000000000000)'.");
        }
        try {
            values.put(lookup.name(), UUID.fromString(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw DataverseException.badPayload(table.logicalName(), "Invalid GUID in " + navigation + "@odata.bind.");
        }
    }

    /**
     * Choices ({@code "1,3"}): each chosen value must be one of the column's options when the schema names them (an
     * empty string chooses none).
     */
    private static void requireOptions(TableDefinition table, ColumnDefinition column, String chosen) {
        if (column.options().isEmpty() || chosen.isBlank()) {
            return;
        }
        for (String item : chosen.split(",")) {
            requireOption(table, column, item.strip());
        }
    }

    /**
     * A choice's value must be one of its options, as Dataverse checks it: 400 0x8004431a (PicklistValueOutOfRange)
     * naming the accepted values. A choice whose options the schema does not name takes any whole number, and so does
     * a status reason where the schema knows only Dataverse's two defaults: makers add status reasons to any table
     * (only its states are fixed), so a site's own may be missing here and must not be refused.
     */
    private static void requireOption(TableDefinition table, ColumnDefinition column, String value) {
        if (column.options().isEmpty()
                || (column.name().equals("statuscode") && column.options().equals(SchemaLoader.DEFAULT_STATUSES))) {
            return;
        }
        try {
            if (column.options().containsKey(Integer.parseInt(value))) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as a value outside the range
        }
        throw DataverseException.optionOutOfRange(
                table.logicalName(), column.name(), value, column.options().keySet());
    }

    private Object convert(TableDefinition table, ColumnDefinition column, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        try {
            switch (column.type()) {
                case STRING, MEMO, LONGMEMO, MULTICHOICE -> {
                    if (value.isString()) {
                        String text = value.asString();
                        int max = switch (column.type()) {
                            case STRING, MULTICHOICE -> MAX_STRING;
                            case MEMO -> MAX_MEMO;
                            default -> Integer.MAX_VALUE;
                        };
                        if (text.length() > max) {
                            throw DataverseException.badPayload(
                                    table.logicalName(),
                                    "The value of '" + column.name() + "' is longer than its maximum length of " + max
                                            + ".");
                        }
                        // PostgreSQL's text cannot hold NUL; refused on every database, so the API does not depend on
                        // it
                        if (text.indexOf('\0') >= 0) {
                            throw DataverseException.badPayload(
                                    table.logicalName(),
                                    "The value of '" + column.name() + "' contains a NUL character.");
                        }
                        if (column.type() == ColumnType.MULTICHOICE) {
                            requireOptions(table, column, text);
                        }
                        return text;
                    }
                }
                case INTEGER, CHOICE -> {
                    if (value.isIntegralNumber() && value.canConvertToInt()) {
                        int number = value.asInt();
                        if (column.type() == ColumnType.CHOICE) {
                            requireOption(table, column, String.valueOf(number));
                        }
                        return number;
                    }
                }
                case BIGINT -> {
                    if (value.isIntegralNumber() && value.canConvertToLong()) {
                        return value.asLong();
                    }
                }
                case DECIMAL, MONEY -> {
                    if (value.isNumber()) {
                        BigDecimal number = new BigDecimal(value.asString());
                        // digits before the point that the column holds: DECIMAL(23,10) and MONEY(19,4)
                        int integerDigits = column.type() == ColumnType.MONEY ? 15 : 13;
                        if (number.precision() - number.scale() > integerDigits) {
                            throw DataverseException.badPayload(
                                    table.logicalName(),
                                    "The value of '" + column.name() + "' is outside the valid range.");
                        }
                        return number;
                    }
                }
                case BOOLEAN -> {
                    if (value.isBoolean()) {
                        return value.asBoolean();
                    }
                }
                case UNIQUEIDENTIFIER -> {
                    if (value.isString()) {
                        return UUID.fromString(value.asString());
                    }
                }
                case DATETIME -> {
                    if (value.isString()) {
                        String text = value.asString();
                        return text.length() == 10
                                ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                                : OffsetDateTime.parse(text);
                    }
                }
                default -> {}
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // falls through to the type error below
        }
        throw DataverseException.badPayload(
                table.logicalName(),
                "Cannot convert the literal '" + value + "' to the expected type '"
                        + column.type().edmType() + "'.");
    }
}
