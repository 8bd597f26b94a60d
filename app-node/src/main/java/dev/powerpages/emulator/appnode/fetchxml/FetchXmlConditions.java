package dev.powerpages.emulator.appnode.fetchxml;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FetchXML condition operators evaluated on rows, with Dataverse's semantics: text compares without regard to case
 * (Dataverse's default collation), a {@code null} column matches no comparison (SQL's three-valued logic) — only
 * {@code null} and the negated text operators' opposite do not apply —, numbers compare as numbers, date-times as
 * instants (a date value is its day's start, UTC), GUIDs without regard to case or braces. The date operators
 * ({@code today}, {@code last-x-days} …) count in UTC days, months and years ("Condition operators", FetchXML
 * reference).
 */
final class FetchXmlConditions {

    private static final Set<String> NO_VALUE = Set.of(
            "null",
            "not-null",
            "today",
            "yesterday",
            "tomorrow",
            "this-week",
            "last-week",
            "next-week",
            "this-month",
            "last-month",
            "next-month",
            "this-year",
            "last-year",
            "next-year",
            "last-seven-days",
            "next-seven-days");
    private static final Set<String> ONE_VALUE = Set.of(
            "eq",
            "ne",
            "neq",
            "gt",
            "ge",
            "lt",
            "le",
            "like",
            "not-like",
            "begins-with",
            "not-begin-with",
            "ends-with",
            "not-end-with",
            "on",
            "on-or-before",
            "on-or-after",
            "last-x-hours",
            "next-x-hours",
            "last-x-days",
            "next-x-days",
            "last-x-weeks",
            "next-x-weeks",
            "last-x-months",
            "next-x-months",
            "last-x-years",
            "next-x-years",
            "olderthan-x-minutes",
            "olderthan-x-hours",
            "olderthan-x-days",
            "olderthan-x-weeks",
            "olderthan-x-months",
            "olderthan-x-years");
    private static final Set<String> MANY_VALUES =
            Set.of("in", "not-in", "between", "not-between", "contain-values", "not-contain-values");
    private static final Set<String> COLUMN_COMPARISONS = Set.of("eq", "ne", "neq", "gt", "ge", "lt", "le");
    private static final Pattern GUID =
            Pattern.compile("\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private FetchXmlConditions() {}

    static boolean supports(String operator) {
        return NO_VALUE.contains(operator) || ONE_VALUE.contains(operator) || MANY_VALUES.contains(operator);
    }

    static void checkValues(String operator, String attribute, List<String> values, String valueOf) {
        if (valueOf != null) {
            if (!COLUMN_COMPARISONS.contains(operator)) {
                throw new FetchXmlException(
                        "valueof compares columns with eq, ne, gt, ge, lt or le, not '" + operator + "'.");
            }
            return;
        }
        if (ONE_VALUE.contains(operator) && values.size() != 1) {
            throw new FetchXmlException("The '" + operator + "' condition on " + attribute + " needs one value.");
        }
        if (operator.endsWith("between") && values.size() != 2) {
            throw new FetchXmlException(
                    "The '" + operator + "' condition on " + attribute + " needs two <value> elements.");
        }
        if (MANY_VALUES.contains(operator) && values.isEmpty()) {
            throw new FetchXmlException(
                    "The '" + operator + "' condition on " + attribute + " needs <value> elements.");
        }
        if ((operator.contains("-x-")) && !values.get(0).strip().matches("\\d{1,6}")) {
            throw new FetchXmlException("The '" + operator + "' condition on " + attribute
                    + " needs a whole number, not '" + values.get(0) + "'.");
        }
    }

    /**
     * @param actual the row's value ({@code String}, {@code BigDecimal}, {@code Long}, {@code Boolean} or {@code null})
     * @param other  for {@code valueof}: the other column's value
     */
    static boolean matches(
            String operator, Object actual, List<String> values, boolean columnComparison, Object other, Instant now) {
        if (columnComparison) {
            if (actual == null || other == null) {
                return false;
            }
            return compared(operator, compare(actual, String.valueOf(other)));
        }
        switch (operator) {
            case "null":
                return actual == null;
            case "not-null":
                return actual != null;
            default:
                break;
        }
        if (actual == null) {
            return false;
        }
        String text = String.valueOf(actual);
        String value = values.isEmpty() ? null : values.get(0);
        return switch (operator) {
            case "eq", "ne", "neq", "gt", "ge", "lt", "le" -> compared(operator, compare(actual, value));
            case "like" -> like(value).matcher(text).matches();
            case "not-like" -> !like(value).matcher(text).matches();
            case "begins-with" -> lower(text).startsWith(lower(value));
            case "not-begin-with" -> !lower(text).startsWith(lower(value));
            case "ends-with" -> lower(text).endsWith(lower(value));
            case "not-end-with" -> !lower(text).endsWith(lower(value));
            case "in" -> values.stream().anyMatch(candidate -> compare(actual, candidate) == 0);
            case "not-in" -> values.stream().noneMatch(candidate -> compare(actual, candidate) == 0);
            case "between" -> compare(actual, values.get(0)) >= 0 && compare(actual, values.get(1)) <= 0;
            case "not-between" -> compare(actual, values.get(0)) < 0 || compare(actual, values.get(1)) > 0;
            case "contain-values" ->
                values.stream().anyMatch(candidate -> choices(text).contains(candidate.strip()));
            case "not-contain-values" ->
                values.stream().noneMatch(candidate -> choices(text).contains(candidate.strip()));
            default -> dateMatches(operator, instant(text), value, now);
        };
    }

    private static boolean compared(String operator, int comparison) {
        return switch (operator) {
            case "eq" -> comparison == 0;
            case "ne", "neq" -> comparison != 0;
            case "gt" -> comparison > 0;
            case "ge" -> comparison >= 0;
            case "lt" -> comparison < 0;
            default -> comparison <= 0;
        };
    }

    /** Compares a row's value with a FetchXML value (text) by the row value's type. */
    static int compare(Object actual, String value) {
        if (value == null) {
            return 1;
        }
        if (actual instanceof Boolean flag) {
            boolean wanted = value.equals("1") || value.equalsIgnoreCase("true");
            return Boolean.compare(flag, wanted);
        }
        if (actual instanceof Number number && NUMBER.matcher(value.strip()).matches()) {
            return new BigDecimal(number.toString()).compareTo(new BigDecimal(value.strip()));
        }
        String text = String.valueOf(actual);
        if (GUID.matcher(text).matches() && GUID.matcher(value.strip()).matches()) {
            return guid(text).compareTo(guid(value.strip()));
        }
        Instant left = instant(text);
        Instant right = left == null ? null : instant(value.strip());
        if (left != null && right != null) {
            return left.compareTo(right);
        }
        if (NUMBER.matcher(text).matches() && NUMBER.matcher(value.strip()).matches()) {
            return new BigDecimal(text).compareTo(new BigDecimal(value.strip()));
        }
        return lower(text).compareTo(lower(value));
    }

    /** Orders two row values: {@code null} first, as SQL Server sorts ascending. */
    static int order(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compare(a, String.valueOf(b));
    }

    private static boolean dateMatches(String operator, Instant actual, String value, Instant now) {
        if (actual == null) {
            return false;
        }
        ZonedDateTime today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        long x = value == null || !value.strip().matches("\\d+") ? 0 : Long.parseLong(value.strip());
        return switch (operator) {
            case "today" -> within(actual, today, today.plusDays(1));
            case "yesterday" -> within(actual, today.minusDays(1), today);
            case "tomorrow" -> within(actual, today.plusDays(1), today.plusDays(2));
            case "this-week", "last-week", "next-week" -> {
                ZonedDateTime week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY))
                        .plusWeeks(operator.startsWith("last") ? -1 : operator.startsWith("next") ? 1 : 0);
                yield within(actual, week, week.plusWeeks(1));
            }
            case "this-month", "last-month", "next-month" -> {
                ZonedDateTime month = today.withDayOfMonth(1)
                        .plusMonths(operator.startsWith("last") ? -1 : operator.startsWith("next") ? 1 : 0);
                yield within(actual, month, month.plusMonths(1));
            }
            case "this-year", "last-year", "next-year" -> {
                ZonedDateTime year = today.withDayOfYear(1)
                        .plusYears(operator.startsWith("last") ? -1 : operator.startsWith("next") ? 1 : 0);
                yield within(actual, year, year.plusYears(1));
            }
            case "last-seven-days" ->
                within(actual, now.atZone(ZoneOffset.UTC).minusDays(7), now.atZone(ZoneOffset.UTC));
            case "next-seven-days" ->
                within(
                        actual,
                        now.atZone(ZoneOffset.UTC),
                        now.atZone(ZoneOffset.UTC).plusDays(7));
            case "on" -> within(actual, day(value), day(value).plusDays(1));
            case "on-or-before" -> actual.isBefore(day(value).plusDays(1).toInstant());
            case "on-or-after" -> !actual.isBefore(day(value).toInstant());
            case "last-x-hours" -> within(actual, now.atZone(ZoneOffset.UTC).minusHours(x), now.atZone(ZoneOffset.UTC));
            case "next-x-hours" ->
                within(
                        actual,
                        now.atZone(ZoneOffset.UTC),
                        now.atZone(ZoneOffset.UTC).plusHours(x));
            case "last-x-days" -> within(actual, today.minusDays(x), now.atZone(ZoneOffset.UTC));
            case "next-x-days" -> within(actual, now.atZone(ZoneOffset.UTC), today.plusDays(x + 1));
            case "last-x-weeks" -> within(actual, today.minusWeeks(x), now.atZone(ZoneOffset.UTC));
            case "next-x-weeks" ->
                within(actual, now.atZone(ZoneOffset.UTC), today.plusWeeks(x).plusDays(1));
            case "last-x-months" -> within(actual, today.minusMonths(x), now.atZone(ZoneOffset.UTC));
            case "next-x-months" ->
                within(actual, now.atZone(ZoneOffset.UTC), today.plusMonths(x).plusDays(1));
            case "last-x-years" -> within(actual, today.minusYears(x), now.atZone(ZoneOffset.UTC));
            case "next-x-years" ->
                within(actual, now.atZone(ZoneOffset.UTC), today.plusYears(x).plusDays(1));
            case "olderthan-x-minutes" -> actual.isBefore(now.minus(x, ChronoUnit.MINUTES));
            case "olderthan-x-hours" -> actual.isBefore(now.minus(x, ChronoUnit.HOURS));
            case "olderthan-x-days" -> actual.isBefore(now.minus(x, ChronoUnit.DAYS));
            case "olderthan-x-weeks" ->
                actual.isBefore(now.atZone(ZoneOffset.UTC).minusWeeks(x).toInstant());
            case "olderthan-x-months" ->
                actual.isBefore(now.atZone(ZoneOffset.UTC).minusMonths(x).toInstant());
            case "olderthan-x-years" ->
                actual.isBefore(now.atZone(ZoneOffset.UTC).minusYears(x).toInstant());
            default ->
                throw new FetchXmlException(
                        "The condition operator '" + operator + "' is not supported by the emulator.");
        };
    }

    private static boolean within(Instant actual, ZonedDateTime from, ZonedDateTime until) {
        return !actual.isBefore(from.toInstant()) && actual.isBefore(until.toInstant());
    }

    private static ZonedDateTime day(String value) {
        Instant instant = instant(value == null ? "" : value.strip());
        if (instant == null) {
            throw new FetchXmlException("'" + value + "' is not a date (yyyy-MM-dd).");
        }
        return instant.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    }

    /** A date or date-time as Dataverse writes them ({@code 2024-05-01}, {@code 2024-05-01T10:00:00Z}); else {@code null}. */
    static Instant instant(String text) {
        if (text == null || text.length() < 10 || !Character.isDigit(text.charAt(0)) || text.charAt(4) != '-') {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character, {@code [abc]} a set; without regard to case. */
    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        boolean inSet = false;
        for (char c : pattern.toCharArray()) {
            if (inSet) {
                regex.append(c == ']' ? "]" : c == '\\' ? "\\\\" : String.valueOf(c));
                inSet = c != ']';
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '[') {
                regex.append('[');
                inSet = true;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inSet) {
            regex.append(']');
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static List<String> choices(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::strip).toList();
    }

    private static String guid(String value) {
        return value.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
