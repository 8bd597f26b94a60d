package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.param;

import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import dev.powerpages.emulator.appnode.liquid.NestedLiquid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.PlainBigDecimal;
import liqp.TemplateContext;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/**
 * Power Pages' additional and list filters ("Available Liquid filters": Additional filters, List filters), and the
 * number formats real sites call that xRM Portals registers beside them ({@code NumberFormatFilters}):
 * <ul>
 * <li>{@code default}: the default for nil only ("a variable with no assigned value (that is, null)"; xRM Portals'
 * {@code input ?? default}) — unlike Shopify's, an empty text or {@code false} stays;</li>
 * <li>{@code file_size}: bytes in the largest unit of 1024 ({@code bytes}, {@code KB} … {@code TB}), precision 1 by
 * default, whole bytes;</li>
 * <li>{@code has_role}: whether the signed-in user has the web role (nil user: false);</li>
 * <li>{@code liquid}: renders text as Liquid with the render's variables ({@link NestedLiquid});</li>
 * <li>{@code current_sort}, {@code reverse_sort}: sort expressions of lists ({@code 'name ASC, createdon DESC'});</li>
 * <li>{@code decimals}, {@code max_decimals}, {@code invariant_culture_decimal_value}: numbers with a number of
 * decimals (en-US grouping for the first two; the last rounds half to even and groups nothing).</li>
 * </ul>
 */
@Component
public class AdditionalFilters implements LiquidExtension {

    private static final String[] UNITS = {"bytes", "KB", "MB", "GB", "TB"};

    private final int maxNesting;

    public AdditionalFilters(LiquidLimits limits) {
        this.maxNesting = limits.maxNesting();
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(of("default", (value, context, params) -> value != null ? value : param(params, 0)))
                .withFilter(of("file_size", (value, context, params) -> fileSize(value, param(params, 0))))
                .withFilter(of("has_role", (value, context, params) -> hasRole(value, param(params, 0), context)))
                .withFilter(of(
                        "liquid",
                        (value, context, params) -> value == null
                                ? null
                                : String.valueOf(NestedLiquid.render(
                                        context,
                                        LiquidValues.text(value, context),
                                        Map.of(),
                                        "the liquid filter's input",
                                        maxNesting))))
                .withFilter(of("current_sort", (value, context, params) -> currentSort(value, param(params, 0))))
                .withFilter(of("reverse_sort", (value, context, params) -> reverseSort(value)))
                .withFilter(of("decimals", (value, context, params) -> grouped(value, param(params, 0), false)))
                .withFilter(of("max_decimals", (value, context, params) -> grouped(value, param(params, 0), true)))
                .withFilter(of("invariant_culture_decimal_value", (value, context, params) -> {
                    BigDecimal number = LiquidValues.number(value);
                    BigDecimal decimals = LiquidValues.number(param(params, 0));
                    return number == null
                            ? null
                            : new PlainBigDecimal(number.setScale(
                                            decimals == null ? 0 : decimals.intValue(), RoundingMode.HALF_EVEN))
                                    .toPlainString();
                }));
    }

    /** xRM Portals' {@code FileSize}: the unit's power of 1024, {@code F<precision>} but whole bytes. */
    static String fileSize(Object value, Object precision) {
        BigDecimal bytes = LiquidValues.number(value);
        if (bytes == null) {
            return null;
        }
        double amount = bytes.doubleValue();
        int power = amount > 0 ? (int) Math.min(UNITS.length - 1, Math.floor(Math.log(amount) / Math.log(1024))) : 0;
        int places = power == 0
                ? 0
                : precision == null || LiquidValues.number(precision) == null
                        ? 1
                        : LiquidValues.number(precision).intValue();
        BigDecimal scaled =
                BigDecimal.valueOf(amount / Math.pow(1024, power)).setScale(Math.max(0, places), RoundingMode.HALF_UP);
        return scaled.toPlainString() + " " + UNITS[power];
    }

    private static boolean hasRole(Object user, Object role, TemplateContext context) {
        if (user == null || role == null) {
            return false;
        }
        return LiquidValues.items(LiquidValues.member(user, "roles", context), context).stream()
                .anyMatch(name -> name != null && name.toString().equalsIgnoreCase(role.toString()));
    }

    /** xRM Portals' {@code CurrentSort}: the direction the expression gives the attribute, upper case, or nil. */
    static String currentSort(Object expression, Object attribute) {
        if (expression == null
                || attribute == null
                || expression.toString().isEmpty()
                || attribute.toString().isEmpty()) {
            return null;
        }
        Matcher match = Pattern.compile(Pattern.quote(attribute.toString()) + " (ASC|DESC)", Pattern.CASE_INSENSITIVE)
                .matcher(expression.toString());
        return match.find() ? match.group(1).toUpperCase(Locale.ROOT) : null;
    }

    static String reverseSort(Object direction) {
        if (direction == null) {
            return null;
        }
        return switch (direction.toString().strip().toLowerCase(Locale.ROOT)) {
            case "asc" -> "DESC";
            case "desc" -> "ASC";
            default -> null;
        };
    }

    /** .NET's {@code N<decimals>} in en-US (grouped, rounded half away from zero); {@code max_decimals} drops trailing zeros. */
    static String grouped(Object value, Object decimals, boolean trimZeros) {
        BigDecimal number = LiquidValues.number(value);
        if (number == null) {
            return null;
        }
        BigDecimal places = LiquidValues.number(decimals);
        int count = places == null ? 2 : Math.max(0, places.intValue());
        DecimalFormat format = new DecimalFormat(
                "#,##0" + (count > 0 ? "." + "0".repeat(count) : ""), DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        String text = format.format(number);
        if (trimZeros && text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text;
    }
}
