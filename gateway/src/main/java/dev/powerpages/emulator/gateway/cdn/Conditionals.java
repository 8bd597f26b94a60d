package dev.powerpages.emulator.gateway.cdn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/** Evaluating a client's If-None-Match / If-Modified-Since against a stored response (RFC 9110 13). */
final class Conditionals {

    /** What a 304 carries (RFC 9110 15.4.5), plus the edge's own headers. */
    private static final Set<String> NOT_MODIFIED_HEADERS = Set.of(
            "cache-control",
            "content-location",
            "date",
            "etag",
            "expires",
            "vary",
            "last-modified",
            "age",
            "x-cache",
            "x-azure-ref");

    private Conditionals() {}

    /** Whether the request carries a validator a stored response could answer with 304. */
    static boolean conditional(HttpHeaders request) {
        return request.containsHeader(HttpHeaders.IF_NONE_MATCH)
                || request.containsHeader(HttpHeaders.IF_MODIFIED_SINCE);
    }

    static boolean notModified(HttpHeaders request, HttpHeaders response) {
        List<String> ifNoneMatch = request.getIfNoneMatch();
        if (!ifNoneMatch.isEmpty()) {
            String etag = response.getFirst(HttpHeaders.ETAG);
            if (etag == null) {
                return false;
            }
            String opaque = opaque(etag);
            for (String candidate : ifNoneMatch) {
                if (candidate.trim().equals("*") || opaque(candidate.trim()).equals(opaque)) {
                    return true;
                }
            }
            return false;
        }
        Optional<Instant> since = HttpDates.parse(request.getFirst(HttpHeaders.IF_MODIFIED_SINCE));
        if (since.isEmpty()) {
            // Without the request's date there is nothing to compare: the stored date is not parsed (issue 16).
            return false;
        }
        Optional<Instant> lastModified = HttpDates.parse(response.getFirst(HttpHeaders.LAST_MODIFIED));
        return lastModified.isPresent() && !lastModified.get().isAfter(since.get());
    }

    /** Weak comparison (RFC 9110 8.8.3.2): the W/ prefix does not matter. */
    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    static void keepNotModifiedHeaders(HttpHeaders headers) {
        for (String name : List.copyOf(headers.headerNames())) {
            if (!NOT_MODIFIED_HEADERS.contains(name.toLowerCase())) {
                headers.remove(name);
            }
        }
    }
}
