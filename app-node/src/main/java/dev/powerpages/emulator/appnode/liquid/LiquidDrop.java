package dev.powerpages.emulator.appnode.liquid;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A Power Pages Liquid object (a "drop"): named attributes computed when a template first asks for them, then kept
 * for the rest of the render. Names match without regard to case — Power Pages' DotLiquid objects answer
 * {@code request.Path} and {@code link.Open_In_New_Window} as well as {@code request.path} — and an object backed by
 * a Dataverse row also answers every column of the row by its logical name ({@code page.adx_summary},
 * {@code website.adx_name}), as Power Pages' entity objects do.
 *
 * <p>liqp reads a {@link Map} attribute with {@code containsKey} and {@code get}, so a drop is a map whose values are
 * computed lazily; {@link #toString()} is short, since printing a drop must not walk the site map.
 */
public class LiquidDrop extends AbstractMap<String, Object> {

    private final Map<String, Supplier<Object>> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Object> computed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final StoreRow row;
    private final String text;

    /**
     * @param row  the Dataverse row whose columns the object answers besides its attributes, or {@code null}
     * @param text what {@code {{ object }}} prints
     */
    public LiquidDrop(StoreRow row, String text) {
        this.row = row;
        this.text = text == null ? "" : text;
    }

    /** Defines an attribute, computed on first use. */
    public LiquidDrop attribute(String name, Supplier<Object> value) {
        attributes.put(name, value);
        return this;
    }

    /** Defines an attribute with a known value. */
    public LiquidDrop value(String name, Object value) {
        attributes.put(name, () -> value);
        return this;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && (attributes.containsKey(name) || column(name) != null);
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        if (attributes.containsKey(name)) {
            if (!computed.containsKey(name)) {
                computed.put(name, attributes.get(name).get());
            }
            return computed.get(name);
        }
        return column(name);
    }

    /** The attributes (not the row's columns), computed. */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.keySet().forEach(name -> values.put(name, get(name)));
        return values.entrySet();
    }

    @Override
    public int size() {
        return attributes.size();
    }

    @Override
    public boolean isEmpty() {
        return attributes.isEmpty() && row == null;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private Object column(String name) {
        if (row == null) {
            return null;
        }
        return columnValue(row, name);
    }

    /**
     * A row's column as Liquid sees it: text, numbers and booleans as they are; a date-time as a date; a lookup
     * ({@code _x_value} in the Web API) as an entity reference with {@code id}, {@code logical_name} and {@code name},
     * as Power Pages' "associated table reference" objects.
     */
    public static Object columnValue(StoreRow row, String name) {
        JsonNode value = field(row.json(), name);
        if (value != null && !value.isNull()) {
            if (value.isBoolean()) {
                return value.asBoolean();
            }
            if (value.isIntegralNumber()) {
                return value.asLong();
            }
            if (value.isNumber()) {
                return value.asDouble();
            }
            if (value.isString()) {
                String textValue = value.asString();
                if (textValue.length() >= 20
                        && textValue.length() <= 35
                        && Character.isDigit(textValue.charAt(0))
                        && textValue.charAt(10) == 'T') {
                    try {
                        return OffsetDateTime.parse(textValue).toZonedDateTime();
                    } catch (DateTimeParseException ex) {
                        return textValue;
                    }
                }
                return textValue;
            }
            return null;
        }
        JsonNode lookup = field(row.json(), "_" + name + "_value");
        if (lookup == null || lookup.isNull()) {
            return null;
        }
        String id = lookup.asString();
        JsonNode logicalName = field(row.json(), "_" + name + "_value@Microsoft.Dynamics.CRM.lookuplogicalname");
        JsonNode display = field(row.json(), "_" + name + "_value@OData.Community.Display.V1.FormattedValue");
        return new LiquidDrop(null, id)
                .value("id", id)
                .value("logical_name", logicalName == null ? null : logicalName.asString())
                .value("name", display == null ? null : display.asString());
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode exact = json.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            if (property.getKey().equalsIgnoreCase(name)) {
                return property.getValue();
            }
        }
        return null;
    }
}
