package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Values between a site folder's YAML and the store's columns. A folder's values are String, Boolean, Long,
 * BigDecimal, byte[] (a file's content) or lists; a column holds the Java type of its {@link ColumnType}. Where the
 * way back does not give the folder's value again (a boolean site setting value kept in a text column, a GUID in capitals, a
 * date in another format), the import keeps the original beside the row ({@link SiteBook.Entry#originals()}).
 */
final class SiteValues {

    /** Dataverse shows date-times in UTC to the second; the export writes them so. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private SiteValues() {}

    /** A value that does not fit its column: the message says what the column takes. */
    static final class Unfit extends Exception {
        Unfit(String message) {
            super(message);
        }
    }

    /** The folder's value as the column's Java value. */
    static Object toColumn(ColumnDefinition column, Object value) throws Unfit {
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            value = DATE_TIME.format(date.toInstant().atOffset(ZoneOffset.UTC));
        }
        if (value instanceof String text && text.isBlank() && !holdsText(column.type())) {
            // pac writes a cleared lookup (adx_webformstep.adx_nextstep: '') or number as an empty string; Dataverse
            // holds no value there. The original '' is kept beside the row and exported again.
            return null;
        }
        try {
            switch (column.type()) {
                case STRING, MEMO -> {
                    if (value instanceof byte[] || value instanceof List<?>) {
                        throw new Unfit("text");
                    }
                    String text = text(value);
                    // the column lengths the Web API enforces too (Dataverse: 4,000 and 1,048,576; H2: 1,000,000)
                    int max = column.type() == ColumnType.STRING ? 4000 : 1_000_000;
                    if (text.length() > max) {
                        throw new Unfit("text of at most " + max + " characters (it has " + text.length() + ")");
                    }
                    return text;
                }
                case MULTICHOICE -> {
                    if (value instanceof List<?> list) {
                        if (list.stream()
                                .anyMatch(option -> option instanceof Map<?, ?> || option instanceof List<?>)) {
                            // Older pac downloads write an empty multi-select choice as a list of empty objects
                            // (adx_allcolumnpermissions: [{Value: []}, …]): no choice is selected. The original is
                            // kept beside the row and exported again.
                            return null;
                        }
                        return String.join(
                                ",", list.stream().map(SiteValues::text).toList());
                    }
                    return text(value);
                }
                case LONGMEMO, FILE -> {
                    if (value instanceof byte[] bytes) {
                        return Base64.getEncoder().encodeToString(bytes);
                    }
                    return text(value);
                }
                case INTEGER, CHOICE -> {
                    long number = wholeNumber(value);
                    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                        throw new Unfit("a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
                    }
                    return (int) number;
                }
                case BIGINT -> {
                    return wholeNumber(value);
                }
                case DECIMAL, MONEY -> {
                    if (value instanceof Boolean || value instanceof List<?> || value instanceof byte[]) {
                        throw new Unfit("a number");
                    }
                    return new BigDecimal(text(value).trim());
                }
                case BOOLEAN -> {
                    if (value instanceof Boolean b) {
                        return b;
                    }
                    String text = text(value).trim().toLowerCase(Locale.ROOT);
                    return switch (text) {
                        case "true", "1", "yes" -> Boolean.TRUE;
                        case "false", "0", "no" -> Boolean.FALSE;
                        default -> throw new Unfit("true or false");
                    };
                }
                case UNIQUEIDENTIFIER, LOOKUP -> {
                    String text = text(value).trim();
                    if (text.startsWith("{") && text.endsWith("}")) {
                        text = text.substring(1, text.length() - 1);
                    }
                    if (text.length() != 36) {
                        throw new Unfit("a GUID");
                    }
                    return UUID.fromString(text);
                }
                case DATETIME -> {
                    return dateTime(text(value).trim());
                }
                default -> throw new Unfit(column.type().name().toLowerCase(Locale.ROOT));
            }
        } catch (NumberFormatException e) {
            boolean whole = column.type() == ColumnType.INTEGER
                    || column.type() == ColumnType.CHOICE
                    || column.type() == ColumnType.BIGINT;
            throw new Unfit(whole ? "a whole number" : "a number");
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new Unfit(column.type() == ColumnType.DATETIME ? "a date and time" : "a GUID");
        }
    }

    private static boolean holdsText(ColumnType type) {
        return switch (type) {
            case STRING, MEMO, LONGMEMO, FILE, MULTICHOICE -> true;
            default -> false;
        };
    }

    /** The column's value as a folder writes it: text, Long, Boolean, BigDecimal; ids and dates as text. */
    static Object fromColumn(ColumnDefinition column, Object stored, boolean bytes) {
        if (stored == null) {
            return null;
        }
        if (bytes && stored instanceof String base64) {
            return Base64.getDecoder().decode(base64);
        }
        if (stored instanceof Integer i) {
            return Long.valueOf(i);
        }
        if (stored instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (stored instanceof UUID uuid) {
            return uuid.toString();
        }
        if (stored instanceof OffsetDateTime dateTime) {
            return DATE_TIME.format(dateTime.withOffsetSameInstant(ZoneOffset.UTC));
        }
        return stored;
    }

    /** Whether two values (stored or written) are the same value. */
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.isEqual(y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Integer x && b instanceof Long y) {
            return x.longValue() == y;
        }
        if (a instanceof Long x && b instanceof Integer y) {
            return x == y.longValue();
        }
        return Objects.equals(a, b);
    }

    private static long wholeNumber(Object value) throws Unfit {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new Unfit("a whole number");
            }
        }
        if (value instanceof String s) {
            return Long.parseLong(s.trim());
        }
        throw new Unfit("a whole number");
    }

    private static OffsetDateTime dateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
        }
    }

    static String text(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }
}
