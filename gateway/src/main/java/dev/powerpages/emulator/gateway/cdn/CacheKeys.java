package dev.powerpages.emulator.gateway.cdn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Builds the primary key of a request under Front Door's query-string caching behaviours. */
final class CacheKeys {

    private CacheKeys() {}

    static EntryKey of(String route, ServerHttpRequest request, CdnSettings settings) {
        String path = request.getURI().getRawPath();
        return new EntryKey(
                route,
                path == null || path.isEmpty() ? "/" : path,
                query(request.getURI().getRawQuery(), settings));
    }

    /**
     * The query string as it takes part in the key: parameters sorted by name (then value) so that
     * their order does not matter, as Front Door documents for its query-string behaviours, and
     * filtered by the listed parameter names where the behaviour says so.
     */
    static String query(String rawQuery, CdnSettings settings) {
        if (rawQuery == null
                || rawQuery.isEmpty()
                || settings.queryStringCachingBehavior() == QueryStringCachingBehavior.IgnoreQueryString) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            boolean listed = settings.queryParameters().contains(name);
            boolean kept = switch (settings.queryStringCachingBehavior()) {
                case IgnoreSpecifiedQueryStrings -> !listed;
                case IncludeSpecifiedQueryStrings -> listed;
                default -> true;
            };
            if (kept) {
                parameters.add(new String[] {name, equals < 0 ? null : value});
            }
        }
        parameters.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1] == null ? "" : p[1]));
        StringBuilder query = new StringBuilder();
        for (String[] parameter : parameters) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(parameter[0]);
            if (parameter[1] != null) {
                query.append('=').append(parameter[1]);
            }
        }
        return query.toString();
    }
}
