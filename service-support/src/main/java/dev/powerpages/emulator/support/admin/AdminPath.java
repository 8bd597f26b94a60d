package dev.powerpages.emulator.support.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpMethod;

/**
 * One entry of {@code stack.admin.paths}: a Spring path pattern, and the methods it covers (all when none are named).
 * {@code "/_services/chaos"} covers every method, {@code "PUT,PATCH,DELETE /api/profiles/**"} the changes only.
 */
public record AdminPath(List<HttpMethod> methods, String pattern) {

    public AdminPath {
        methods = List.copyOf(methods);
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("stack.admin.paths: a path pattern starts with '/', not " + pattern);
        }
    }

    static AdminPath parse(String entry) {
        String trimmed = entry.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return new AdminPath(List.of(), trimmed);
        }
        List<HttpMethod> methods = Arrays.stream(trimmed.substring(0, space).split(","))
                .map(String::trim)
                .filter(method -> !method.isEmpty())
                .map(method -> HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)))
                .toList();
        return new AdminPath(methods, trimmed.substring(space + 1).trim());
    }
}
