package dev.powerpages.emulator.store.enhanced;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code content} column of the enhanced model's system tables: a JSON object whose keys are the component's
 * columns without prefix ({@code partialurl}, {@code pagetemplateid}, {@code value}). Keys written with a prefix
 * ({@code adx_partialurl}, as some tools write them) are read too.
 */
final class ComponentContent {

    private final ObjectMapper mapper;

    ComponentContent(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The content as an object; malformed or empty content reads as an empty object (the component's columns are then null). */
    ObjectNode parse(Object content) {
        if (content instanceof String text && !text.isBlank()) {
            try {
                if (mapper.readTree(text) instanceof ObjectNode object) {
                    return object;
                }
            } catch (JacksonException e) {
                // an unreadable content has no columns
            }
        }
        return mapper.createObjectNode();
    }

    String write(ObjectNode content) {
        return mapper.writeValueAsString(content);
    }

    /** The value of {@code key} (or {@code adx_key}, {@code mspp_key}), or null. */
    static JsonNode get(ObjectNode content, String key) {
        for (String candidate : new String[] {key, "adx_" + key, "mspp_" + key}) {
            JsonNode value = content.get(candidate);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A content value as the view column's Java value; one that does not fit the column reads as null. */
    static Object value(JsonNode node, ColumnDefinition column) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return switch (column.type()) {
                case STRING, MEMO, LONGMEMO -> node.isValueNode() ? node.asString() : node.toString();
                case MULTICHOICE -> {
                    if (node.isArray()) {
                        StringBuilder joined = new StringBuilder();
                        node.forEach(item ->
                                joined.append(joined.isEmpty() ? "" : ",").append(item.asString()));
                        yield joined.toString();
                    }
                    yield node.asString();
                }
                case INTEGER, CHOICE ->
                    node.isNumber()
                            ? Integer.valueOf(node.asInt())
                            : Integer.valueOf(node.asString().trim());
                case BIGINT ->
                    node.isNumber()
                            ? Long.valueOf(node.asLong())
                            : Long.valueOf(node.asString().trim());
                case DECIMAL, MONEY -> new BigDecimal(node.asString().trim());
                case BOOLEAN ->
                    node.isBoolean()
                            ? node.asBoolean()
                            : "true".equalsIgnoreCase(node.asString())
                                    ? Boolean.TRUE
                                    : "false".equalsIgnoreCase(node.asString()) ? Boolean.FALSE : null;
                case UNIQUEIDENTIFIER, LOOKUP -> UUID.fromString(node.asString().trim());
                case DATETIME -> OffsetDateTime.parse(node.asString().trim());
                case FILE -> null;
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }

    /** A view column's value as content JSON. */
    void put(ObjectNode content, String key, Object value) {
        if (value == null) {
            content.putNull(key);
        } else if (value instanceof Boolean b) {
            content.put(key, b);
        } else if (value instanceof Integer i) {
            content.put(key, i);
        } else if (value instanceof Long l) {
            content.put(key, l);
        } else if (value instanceof BigDecimal d) {
            content.put(key, d);
        } else {
            content.put(key, value.toString());
        }
    }
}
