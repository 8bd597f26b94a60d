package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import liqp.PlainBigDecimal;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/**
 * Power Pages' type filters ("Available Liquid filters", Type filters), as xRM Portals' {@code TypeFilters} convert
 * with .NET's {@code Convert}: a value that does not convert gives nil, so {@code | integer | default: 2} works.
 * <ul>
 * <li>{@code boolean}: booleans as they are, {@code "true"}/{@code "false"} in any case, {@code on}/{@code enabled}/
 * {@code yes} and {@code off}/{@code disabled}/{@code no}; a number is true unless zero;</li>
 * <li>{@code decimal}: numbers, text holding one (en-US: {@code 1,234.5});</li>
 * <li>{@code integer}: whole numbers and text holding one ({@code '10.1'} does not convert); a decimal is rounded
 * half to even ({@code Convert.ToInt32});</li>
 * <li>{@code string}: the value as text, booleans as .NET writes them ({@code True}).</li>
 * </ul>
 */
@Component
public class TypeFilters implements LiquidExtension {

    private static final Map<String, Boolean> WORDS =
            Map.of("on", true, "enabled", true, "yes", true, "off", false, "disabled", false, "no", false);

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(of("boolean", (value, context, params) -> toBoolean(value)))
                .withFilter(of("decimal", (value, context, params) -> toDecimal(value)))
                .withFilter(of("integer", (value, context, params) -> toInteger(value)))
                .withFilter(of("string", (value, context, params) -> {
                    if (value == null) {
                        return null;
                    }
                    if (value instanceof Boolean bool) {
                        return bool ? "True" : "False";
                    }
                    ZonedDateTime date = DateFilters.date(value instanceof CharSequence ? null : value);
                    return date != null ? DotNetDateFormat.format(date, "G") : LiquidValues.text(value, context);
                }));
    }

    static Boolean toBoolean(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number) {
            BigDecimal number = LiquidValues.number(value);
            return number != null && number.signum() != 0;
        }
        String text = value.toString();
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        if ("true".equals(trimmed) || "false".equals(trimmed)) {
            return Boolean.valueOf(trimmed);
        }
        return WORDS.get(text.toLowerCase(Locale.ROOT));
    }

    static BigDecimal toDecimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean bool) {
            return bool ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value instanceof Number) {
            return new PlainBigDecimal(LiquidValues.number(value));
        }
        String text = value.toString().strip();
        if (!text.matches("[+-]?(\\d{1,3}(,\\d{3})+|\\d+)?(\\.\\d+)?")
                || text.isEmpty()
                || "+".equals(text)
                || "-".equals(text)) {
            return null;
        }
        return new PlainBigDecimal(text.replace(",", ""));
    }

    static Long toInteger(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean bool) {
            return bool ? 1L : 0L;
        }
        BigDecimal number;
        if (value instanceof Number) {
            number = LiquidValues.number(value);
            if (number == null) {
                return null;
            }
            number = number.setScale(0, RoundingMode.HALF_EVEN);
        } else {
            String text = value.toString().strip();
            if (!text.matches("[+-]?\\d+")) {
                return null;
            }
            number = new BigDecimal(text);
        }
        // Int32's range, as Convert.ToInt32 has.
        if (number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            return null;
        }
        return number.longValue();
    }
}
