package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.param;

import dev.powerpages.emulator.appnode.limits.BoundedFilter;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import liqp.PlainBigDecimal;
import liqp.TemplateContext;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/**
 * Power Pages' math filters ("Available Liquid filters", Math filters), with the types the reference's examples
 * show, which are DotLiquid's over .NET numbers:
 * <ul>
 * <li>a whole-number input keeps its type: {@code 10 | divided_by: 3} is {@code 3}, and a decimal operand is taken
 * as a whole number ({@code 10 | minus: 1.1} is {@code 9}, {@code 10 | times: 2.2} is {@code 20});</li>
 * <li>a decimal input gives a decimal ({@code 10.1 | minus: 1} is {@code 9.1}, {@code 10.0 | divided_by: 3} is
 * 3.33333333333333 — .NET's double printed with 15 digits);</li>
 * <li>{@code plus} on text appends (DotLiquid 2.0's {@code Plus}: {@code '1' | plus: 1} is {@code 11}); the other
 * operations read text holding a number as that number;</li>
 * <li>{@code ceil}, {@code floor} and {@code round} give whole numbers ({@code round: 2} keeps two decimals), halves
 * rounded to even as .NET's {@code Math.Round} does ({@code 2.5 | round} is {@code 2}) — xRM Portals'
 * {@code MathFilters};</li>
 * <li>nil in, or a nil operand, gives nil.</li>
 * </ul>
 */
@Component
public class MathFilters implements LiquidExtension {

    private final int maxSize;

    public MathFilters(LiquidLimits limits) {
        this.maxSize = limits.maxRenderedChars();
    }

    private enum Operation {
        PLUS,
        MINUS,
        TIMES,
        DIVIDED_BY,
        MODULO
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(new BoundedFilter(
                        of(
                                "plus",
                                (value, context, params) -> value instanceof CharSequence text
                                        ? text.toString() + LiquidValues.text(param(params, 0), context)
                                        : arithmetic(Operation.PLUS, value, param(params, 0))),
                        maxSize))
                .withFilter(
                        of("minus", (value, context, params) -> arithmetic(Operation.MINUS, value, param(params, 0))))
                .withFilter(
                        of("times", (value, context, params) -> arithmetic(Operation.TIMES, value, param(params, 0))))
                .withFilter(of(
                        "divided_by",
                        (value, context, params) -> arithmetic(Operation.DIVIDED_BY, value, param(params, 0))))
                .withFilter(
                        of("modulo", (value, context, params) -> arithmetic(Operation.MODULO, value, param(params, 0))))
                .withFilter(of("ceil", (value, context, params) -> whole(value, RoundingMode.CEILING, "ceil")))
                .withFilter(of("floor", (value, context, params) -> whole(value, RoundingMode.FLOOR, "floor")))
                .withFilter(of("round", MathFilters::round));
    }

    private static Object arithmetic(Operation operation, Object value, Object operand) {
        if (value == null || operand == null) {
            return null;
        }
        BigDecimal left = numeric(value, operation);
        BigDecimal right = numeric(operand, operation);
        boolean integral = LiquidValues.isInteger(value) || value instanceof CharSequence && left.scale() <= 0;
        if (integral) {
            long a = left.longValueExact();
            long b = right.setScale(0, RoundingMode.HALF_EVEN).longValue();
            return switch (operation) {
                case PLUS -> Math.addExact(a, b);
                case MINUS -> Math.subtractExact(a, b);
                case TIMES -> Math.multiplyExact(a, b);
                case DIVIDED_BY -> {
                    if (b == 0) {
                        throw new ArithmeticException("divided by 0");
                    }
                    yield a / b; // C#'s integer division truncates towards zero, as Java's does
                }
                case MODULO -> {
                    if (b == 0) {
                        throw new ArithmeticException("divided by 0");
                    }
                    yield a % b;
                }
            };
        }
        double a = left.doubleValue();
        double b = right.doubleValue();
        return decimal(
                switch (operation) {
                    case PLUS -> a + b;
                    case MINUS -> a - b;
                    case TIMES -> a * b;
                    case DIVIDED_BY -> a / b;
                    case MODULO -> a % b;
                });
    }

    /** A .NET double as .NET prints it (15 significant digits: 3.33333333333333, 20, 9.1). */
    private static Object decimal(double result) {
        return Double.isFinite(result) ? new PlainBigDecimal(LiquidValues.dotNet(result)) : result;
    }

    private static Object whole(Object value, RoundingMode mode, String filter) {
        if (value == null) {
            return 0L;
        }
        return numeric(value, filter).setScale(0, mode).longValueExact();
    }

    private static Object round(Object value, TemplateContext context, Object[] params) {
        if (value == null) {
            return 0L;
        }
        BigDecimal number = numeric(value, "round");
        Object places = param(params, 0);
        int decimals = places == null ? 0 : numeric(places, "round").intValue();
        if (decimals <= 0) {
            return number.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }
        return new PlainBigDecimal(
                number.scale() > decimals ? number.setScale(decimals, RoundingMode.HALF_EVEN) : number);
    }

    private static BigDecimal numeric(Object value, Object filter) {
        BigDecimal number = value instanceof Boolean || value == null ? null : LiquidValues.number(value);
        if (number == null) {
            throw new IllegalArgumentException(filter.toString().toLowerCase() + " needs numbers, not '" + value + "'");
        }
        return number;
    }
}
