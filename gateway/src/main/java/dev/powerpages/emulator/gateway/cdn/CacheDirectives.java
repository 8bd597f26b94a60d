package dev.powerpages.emulator.gateway.cdn;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The directives of {@code Cache-Control} fields (RFC 9111 section 5.2), names folded to lower
 * case, quoted values unquoted. Spring's {@code CacheControl} only builds headers, it does not
 * parse them, hence this small parser.
 */
final class CacheDirectives {

    private final Map<String, String> directives;

    private CacheDirectives(Map<String, String> directives) {
        this.directives = directives;
    }

    static CacheDirectives parse(List<String> fieldValues) {
        Map<String, String> directives = new HashMap<>();
        if (fieldValues != null) {
            for (String value : fieldValues) {
                parseInto(value, directives);
            }
        }
        return new CacheDirectives(directives);
    }

    private static void parseInto(String value, Map<String, String> directives) {
        int i = 0;
        int length = value.length();
        while (i < length) {
            while (i < length && (value.charAt(i) == ',' || Character.isWhitespace(value.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < length && value.charAt(i) != '=' && value.charAt(i) != ',') {
                i++;
            }
            String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            String argument = "";
            if (i < length && value.charAt(i) == '=') {
                i++;
                if (i < length && value.charAt(i) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    while (i < length && value.charAt(i) != '"') {
                        if (value.charAt(i) == '\\' && i + 1 < length) {
                            i++;
                        }
                        quoted.append(value.charAt(i++));
                    }
                    i++;
                    argument = quoted.toString();
                    while (i < length && value.charAt(i) != ',') {
                        i++;
                    }
                } else {
                    int argumentStart = i;
                    while (i < length && value.charAt(i) != ',') {
                        i++;
                    }
                    argument = value.substring(argumentStart, i).trim();
                }
            }
            if (!name.isEmpty()) {
                // RFC 9111 4.2.1: with duplicate directives the cache may pick; the first wins here,
                // except that a duplicate delta-seconds directive makes it invalid (treated as stale).
                if (directives.containsKey(name) && !directives.get(name).equals(argument)) {
                    directives.put(name, "\u0000conflict");
                } else {
                    directives.putIfAbsent(name, argument);
                }
            }
        }
    }

    boolean has(String name) {
        return directives.containsKey(name);
    }

    boolean isEmpty() {
        return directives.isEmpty();
    }

    /**
     * A delta-seconds directive (RFC 9111 1.2.2): absent is empty; an invalid value is zero, so
     * that a response with a malformed max-age is treated as stale, as the RFC recommends.
     */
    Optional<Duration> seconds(String name) {
        if (!directives.containsKey(name)) {
            return Optional.empty();
        }
        String value = directives.get(name);
        if (value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
            return Optional.of(Duration.ZERO);
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException ex) {
            // Larger than any lifetime: RFC 9111 1.2.2 says to use 2^31 seconds.
            return Optional.of(Duration.ofSeconds(2147483648L));
        }
    }

    /** A directive whose argument may be missing, such as {@code max-stale}. */
    Optional<Duration> optionalSeconds(String name) {
        if (directives.containsKey(name) && directives.get(name).isEmpty()) {
            return Optional.of(Duration.ofSeconds(2147483648L));
        }
        return seconds(name);
    }
}
