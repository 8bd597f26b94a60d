package dev.powerpages.emulator.appnode.liquid;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import liqp.LValue;
import liqp.TemplateContext;
import liqp.parser.Inspectable;
import liqp.parser.LiquidSupport;

/**
 * How Power Pages' filters see values (DotLiquid over .NET types), written once for the filter and tag packages:
 * a list from whatever a template holds, a member of an object, a number from text, and numbers printed as .NET
 * prints them.
 */
public final class LiquidValues {

    /** .NET Framework prints a {@code double} with 15 significant digits ({@code Double.ToString()}, "G15"). */
    private static final MathContext DOUBLE_DIGITS = new MathContext(15);

    private LiquidValues() {}

    /** The items of a list, array or other collection; nothing for nil; any other value is a list of itself. */
    public static List<Object> items(Object value, TemplateContext context) {
        Object plain = plain(value, context);
        if (plain == null) {
            return new ArrayList<>();
        }
        if (plain instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (plain.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(plain); i++) {
                items.add(Array.get(plain, i));
            }
            return items;
        }
        if (plain instanceof Iterable<?> iterable) {
            List<Object> items = new ArrayList<>();
            iterable.forEach(items::add);
            return items;
        }
        List<Object> single = new ArrayList<>();
        single.add(plain);
        return single;
    }

    /** Whether the value is a list a filter can work on (DotLiquid: an {@code IEnumerable} other than a string). */
    public static boolean isList(Object value) {
        return value instanceof Collection<?>
                || value != null && value.getClass().isArray()
                || value instanceof Iterable<?>;
    }

    /**
     * A member of an object: a map entry or a drop's value; {@code a.b} walks into a member's member, as xRM
     * Portals' array filters read drops ({@code EnumerableFilters.Get}). Nothing when there is no such member.
     */
    public static Object member(Object item, String key, TemplateContext context) {
        if (item == null || key == null) {
            return null;
        }
        Object plain = plain(item, context);
        if (plain instanceof Map<?, ?> map) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
            int dot = key.indexOf('.');
            if (dot > 0 && dot < key.length() - 1) {
                return member(map.get(key.substring(0, dot)), key.substring(dot + 1), context);
            }
        }
        return null;
    }

    /** A drop (an object liqp resolves lazily) as the map it stands for; other values as they are. */
    public static Object plain(Object value, TemplateContext context) {
        if (value instanceof LiquidSupport drop) {
            return drop.toLiquid();
        }
        if (value instanceof Inspectable && context != null) {
            return context.getParser().evaluate(value).toLiquid();
        }
        return value;
    }

    /** Text as DotLiquid writes a value: nil is empty, booleans lower case, decimals as .NET prints them. */
    public static String text(Object value, TemplateContext context) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        if (value instanceof Double || value instanceof Float) {
            return dotNet(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof CharSequence || value instanceof Number) {
            return value.toString();
        }
        return new LValue() {}.asString(plain(value, context), context);
    }

    /** A number from a number, or from text that is one (invariant culture); {@code null} otherwise. */
    public static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (value instanceof CharSequence text) {
            String trimmed = text.toString().strip();
            if (trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,4})?")) {
                return new BigDecimal(trimmed);
            }
        }
        return null;
    }

    /** Whether a value is a whole-number type ({@code int}, {@code long} …), as .NET tells integers from decimals. */
    public static boolean isInteger(Object value) {
        return value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger;
    }

    /** A {@code double} as .NET Framework's {@code Double.ToString()} writes it: 15 significant digits, no trailing zeros. */
    public static String dotNet(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(DOUBLE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /**
     * Whether two values are equal as a template author means it: numbers by value ({@code 1} and {@code 1.0}), other
     * values by {@code equals}.
     */
    public static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            BigDecimal x = number(a);
            BigDecimal y = number(b);
            return x != null && y != null && x.compareTo(y) == 0;
        }
        return a.equals(b)
                || a instanceof CharSequence
                        && b instanceof CharSequence
                        && a.toString().contentEquals((CharSequence) b);
    }
}
