package dev.powerpages.emulator.gateway.cdn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/** Secondary cache keys: the request headers a response's {@code Vary} names (RFC 9111 4.1). */
final class Variants {

    private Variants() {}

    /** The header names in the response's Vary fields, lower-cased; contains "*" for Vary: *. */
    static List<String> varyNames(HttpHeaders responseHeaders) {
        List<String> lines = responseHeaders.get(HttpHeaders.VARY);
        if (lines == null) {
            return List.of();
        }
        return lines.stream()
                .flatMap(line -> Arrays.stream(line.split(",")))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .distinct()
                .toList();
    }

    /**
     * The request's values of the named headers, combined and with whitespace normalised, as RFC
     * 9111 4.1 allows; an absent header is told apart from an empty one.
     */
    static Map<String, String> requestValues(List<String> names, HttpHeaders requestHeaders) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            List<String> fieldValues = requestHeaders.get(name);
            values.put(name, fieldValues == null ? "\u0000absent" : normalise(String.join(",", fieldValues)));
        }
        return values;
    }

    static boolean matches(StoredResponse variant, Map<String, String> requestValues) {
        return variant.varyValues().equals(requestValues);
    }

    /** Matches a variant against the request's own headers. */
    static boolean matches(StoredResponse variant, HttpHeaders requestHeaders) {
        return variant.varyValues()
                .equals(requestValues(List.copyOf(variant.varyValues().keySet()), requestHeaders));
    }

    private static String normalise(String value) {
        StringBuilder normalised = new StringBuilder();
        for (String part : value.split(",")) {
            String trimmed = part.trim().replaceAll("\\s+", " ");
            if (!normalised.isEmpty()) {
                normalised.append(',');
            }
            normalised.append(trimmed);
        }
        return normalised.toString();
    }
}
