package dev.powerpages.emulator.appnode.liquid.filters;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Dates formatted with .NET format strings, as Power Pages' {@code date} filter formats them ("Formats a DateTime
 * value using a .NET format string": Microsoft's "Standard date and time format strings" and "Custom date and time
 * format strings"), with the en-US culture's names and patterns. Java's {@code DateTimeFormatter} speaks another
 * pattern language ({@code tt}, {@code zzz}, {@code K}, {@code %d}, the one-letter standard formats have no
 * equivalent), and no library here translates between the two, so the specifiers are written out below.
 *
 * <p>A value in UTC is what .NET calls a UTC {@code DateTime} ({@code K} writes {@code Z}, {@code r}/{@code u}
 * need no conversion); any other offset is a local time with that offset.
 */
public final class DotNetDateFormat {

    private static final Locale CULTURE = Locale.US;

    private DotNetDateFormat() {}

    /** {@code value} formatted with a .NET standard (one letter) or custom format string; empty or null: {@code G}. */
    public static String format(ZonedDateTime value, String format) {
        if (format == null || format.isEmpty()) {
            return custom(value, standard('G'));
        }
        if (format.length() == 1) {
            char letter = format.charAt(0);
            ZonedDateTime at = "rRuU".indexOf(letter) >= 0 ? value.withZoneSameInstant(ZoneOffset.UTC) : value;
            String pattern = standard(letter);
            return pattern == null ? format : custom(at, pattern);
        }
        return custom(value, format);
    }

    /** The en-US pattern of a standard format, or {@code null} for a letter .NET does not define. */
    private static String standard(char letter) {
        return switch (letter) {
            case 'd' -> "M/d/yyyy";
            case 'D' -> "dddd, MMMM d, yyyy";
            case 'f' -> "dddd, MMMM d, yyyy h:mm tt";
            case 'F', 'U' -> "dddd, MMMM d, yyyy h:mm:ss tt";
            case 'g' -> "M/d/yyyy h:mm tt";
            case 'G' -> "M/d/yyyy h:mm:ss tt";
            case 'm', 'M' -> "MMMM d";
            case 'o', 'O' -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
            case 'r', 'R' -> "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
            case 's' -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
            case 't' -> "h:mm tt";
            case 'T' -> "h:mm:ss tt";
            case 'u' -> "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
            case 'y', 'Y' -> "MMMM yyyy";
            default -> null;
        };
    }

    /** A custom format string, specifier by specifier. */
    private static String custom(ZonedDateTime value, String format) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int run = 1;
            while (i + run < format.length() && format.charAt(i + run) == c) {
                run++;
            }
            switch (c) {
                case 'd' ->
                    out.append(
                            switch (run) {
                                case 1 -> String.valueOf(value.getDayOfMonth());
                                case 2 -> pad(value.getDayOfMonth(), 2);
                                case 3 -> value.getDayOfWeek().getDisplayName(TextStyle.SHORT, CULTURE);
                                default -> value.getDayOfWeek().getDisplayName(TextStyle.FULL, CULTURE);
                            });
                case 'M' ->
                    out.append(
                            switch (run) {
                                case 1 -> String.valueOf(value.getMonthValue());
                                case 2 -> pad(value.getMonthValue(), 2);
                                case 3 -> value.getMonth().getDisplayName(TextStyle.SHORT, CULTURE);
                                default -> value.getMonth().getDisplayName(TextStyle.FULL, CULTURE);
                            });
                case 'y' ->
                    out.append(
                            switch (run) {
                                case 1 -> String.valueOf(value.getYear() % 100);
                                case 2 -> pad(value.getYear() % 100, 2);
                                default -> pad(value.getYear(), run);
                            });
                case 'h' -> out.append(run == 1 ? String.valueOf(hour12(value)) : pad(hour12(value), 2));
                case 'H' -> out.append(run == 1 ? String.valueOf(value.getHour()) : pad(value.getHour(), 2));
                case 'm' -> out.append(run == 1 ? String.valueOf(value.getMinute()) : pad(value.getMinute(), 2));
                case 's' -> out.append(run == 1 ? String.valueOf(value.getSecond()) : pad(value.getSecond(), 2));
                case 't' ->
                    out.append(run == 1 ? (value.getHour() < 12 ? "A" : "P") : (value.getHour() < 12 ? "AM" : "PM"));
                case 'f', 'F' -> out.append(fraction(value, Math.min(run, 7), c == 'F'));
                case 'g' -> out.append("A.D.");
                case 'z' -> out.append(offset(value, run));
                case 'K' -> out.append(value.getOffset().equals(ZoneOffset.UTC) ? "Z" : offset(value, 3));
                case ':', '/' -> out.append(String.valueOf(c).repeat(run));
                case '\'', '"' -> {
                    int close = format.indexOf(c, i + 1);
                    int end = close < 0 ? format.length() : close;
                    out.append(format, i + 1, end);
                    i = close < 0 ? format.length() : close + 1;
                    continue;
                }
                case '\\' -> {
                    if (i + 1 < format.length()) {
                        out.append(format.charAt(i + 1));
                    }
                    i += 2;
                    continue;
                }
                case '%' -> {
                    // "%d": a one-letter custom format (not the standard format of that letter).
                    i += 1;
                    continue;
                }
                default -> out.append(String.valueOf(c).repeat(run));
            }
            i += run;
        }
        return out.toString();
    }

    private static int hour12(ZonedDateTime value) {
        int hour = value.getHour() % 12;
        return hour == 0 ? 12 : hour;
    }

    private static String fraction(ZonedDateTime value, int digits, boolean trimZeros) {
        String all = pad(value.getNano() / 100, 7).substring(0, digits);
        if (!trimZeros) {
            return all;
        }
        int end = all.length();
        while (end > 0 && all.charAt(end - 1) == '0') {
            end--;
        }
        return all.substring(0, end);
    }

    /** {@code z}: hours ({@code +1}), {@code zz}: padded hours ({@code +01}), {@code zzz}: hours and minutes ({@code +01:00}). */
    private static String offset(ZonedDateTime value, int run) {
        int seconds = value.getOffset().getTotalSeconds();
        String sign = seconds < 0 ? "-" : "+";
        int hours = Math.abs(seconds) / 3600;
        int minutes = Math.abs(seconds) / 60 % 60;
        return switch (run) {
            case 1 -> sign + hours;
            case 2 -> sign + pad(hours, 2);
            default -> sign + pad(hours, 2) + ":" + pad(minutes, 2);
        };
    }

    private static String pad(int number, int width) {
        String digits = String.valueOf(Math.abs(number));
        return (number < 0 ? "-" : "") + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
