package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.param;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/**
 * Power Pages' date filters ("Available Liquid filters", Date filters): {@code date} with .NET format strings
 * ({@link DotNetDateFormat}; liqp's own {@code date} takes Ruby's strftime), {@code date_add_days},
 * {@code date_add_hours}, {@code date_add_minutes}, {@code date_add_seconds} (whole and fractional),
 * {@code date_add_months}, {@code date_add_years} (whole), {@code date_to_iso8601}, {@code date_to_rfc822}, and
 * xRM Portals' {@code date_to_xmlschema} alias. A date is a date value ({@code now}, Dataverse date columns) or
 * text that reads as one; {@code date} gives other text back unchanged, as DotLiquid does, the others give nil.
 */
@Component
public class DateFilters implements LiquidExtension {

    /** en-US's general date/time pattern and its date-only form, which .NET's DateTime.Parse reads back. */
    private static final List<DateTimeFormatter> CULTURE_FORMATS = List.of(
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("M/d/yyyy h:mm[:ss] a")
                    .toFormatter(Locale.US),
            new DateTimeFormatterBuilder()
                    .appendPattern("M/d/yyyy[ H:mm[:ss]]")
                    .parseDefaulting(java.time.temporal.ChronoField.HOUR_OF_DAY, 0)
                    .toFormatter(Locale.US),
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd[ HH:mm[:ss]]")
                    .parseDefaulting(java.time.temporal.ChronoField.HOUR_OF_DAY, 0)
                    .toFormatter(Locale.US));

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(of("date", (value, context, params) -> {
                    ZonedDateTime date = date(value);
                    if (date == null) {
                        return value;
                    }
                    Object format = param(params, 0);
                    return DotNetDateFormat.format(date, format == null ? null : format.toString());
                }))
                .withFilter(of(
                        "date_add_days",
                        (value, context, params) ->
                                add(value, param(params, 0), (date, n) -> plusMillis(date, n, 86_400_000L))))
                .withFilter(of(
                        "date_add_hours",
                        (value, context, params) ->
                                add(value, param(params, 0), (date, n) -> plusMillis(date, n, 3_600_000L))))
                .withFilter(of(
                        "date_add_minutes",
                        (value, context, params) ->
                                add(value, param(params, 0), (date, n) -> plusMillis(date, n, 60_000L))))
                .withFilter(of(
                        "date_add_seconds",
                        (value, context, params) ->
                                add(value, param(params, 0), (date, n) -> plusMillis(date, n, 1_000L))))
                .withFilter(of(
                        "date_add_months",
                        (value, context, params) ->
                                add(value, param(params, 0), (date, n) -> date.plusMonths(whole(n)))))
                .withFilter(of(
                        "date_add_years",
                        (value, context, params) ->
                                add(value, param(params, 0), (date, n) -> date.plusYears(whole(n)))))
                .withFilter(of("date_to_iso8601", (value, context, params) -> iso8601(date(value))))
                .withFilter(of("date_to_xmlschema", (value, context, params) -> iso8601(date(value))))
                .withFilter(of("date_to_rfc822", (value, context, params) -> rfc822(date(value))));
    }

    /** xRM Portals' {@code DateToIso8601}: {@code s} and {@code Z} for UTC, {@code s} and {@code zzz} otherwise. */
    static String iso8601(ZonedDateTime date) {
        if (date == null) {
            return null;
        }
        return DotNetDateFormat.format(date, "s") + (isUtc(date) ? "Z" : DotNetDateFormat.format(date, "zzz"));
    }

    /** xRM Portals' {@code DateToRfc822}: a literal {@code Z} for UTC, else the offset without its colon. */
    static String rfc822(ZonedDateTime date) {
        if (date == null) {
            return null;
        }
        String text = DotNetDateFormat.format(date, "ddd, dd MMM yyyy HH:mm:ss");
        return text + " "
                + (isUtc(date) ? "Z" : DotNetDateFormat.format(date, "zzz").replace(":", ""));
    }

    private static boolean isUtc(ZonedDateTime date) {
        return date.getOffset().equals(ZoneOffset.UTC);
    }

    private static Object add(
            Object value, Object amount, BiFunction<ZonedDateTime, BigDecimal, ZonedDateTime> adding) {
        ZonedDateTime date = date(value);
        BigDecimal number = LiquidValues.number(amount);
        if (date == null) {
            return null;
        }
        if (number == null) {
            throw new IllegalArgumentException("date_add filters need a number, not '" + amount + "'");
        }
        return adding.apply(date, number);
    }

    /** .NET's {@code AddDays} and kin: fractional amounts, rounded to the millisecond. */
    private static ZonedDateTime plusMillis(ZonedDateTime date, BigDecimal amount, long millisPerUnit) {
        long millis = amount.multiply(BigDecimal.valueOf(millisPerUnit))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return date.plus(millis, ChronoUnit.MILLIS);
    }

    /** .NET's {@code Convert.ToInt32}: to the nearest whole number, halves to even. */
    private static long whole(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * A date from a date value or from text: "now"/"today" (DotLiquid's date filter), ISO 8601 with or without an
     * offset (as the Web API writes Dataverse dates), or en-US's own patterns. Dates without an offset are UTC, as
     * Dataverse keeps them.
     */
    public static ZonedDateTime date(Object value) {
        if (value instanceof ZonedDateTime zoned) {
            return zoned;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toZonedDateTime();
        }
        if (value instanceof Instant instant) {
            return instant.atZone(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.atZone(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC);
        }
        if (value instanceof Date legacy) {
            return legacy.toInstant().atZone(ZoneOffset.UTC);
        }
        if (!(value instanceof CharSequence)) {
            return null;
        }
        String text = value.toString().strip();
        if ("now".equalsIgnoreCase(text) || "today".equalsIgnoreCase(text)) {
            return ZonedDateTime.now(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(text).toZonedDateTime();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).atZone(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        for (DateTimeFormatter format : CULTURE_FORMATS) {
            try {
                return LocalDateTime.parse(text, format).atZone(ZoneOffset.UTC);
            } catch (DateTimeParseException notThisOne) {
                // try the next form
            }
        }
        return null;
    }
}
