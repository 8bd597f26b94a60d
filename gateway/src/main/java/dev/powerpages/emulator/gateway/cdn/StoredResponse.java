package dev.powerpages.emulator.gateway.cdn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * One stored response (a variant under an {@link EntryKey}) and what RFC 9111 needs to compute
 * its age and freshness.
 *
 * @param status the origin's status
 * @param headers the response headers as stored (hop-by-hop and Set-Cookie removed)
 * @param body the identity body
 * @param gzipBody the body gzip-compressed, or null when the response is not compressed
 * @param varyValues the request's values of the headers {@code Vary} names, lower-cased names
 * @param requestTime when the request that fetched it was sent (RFC 9111 4.2.3 request_time)
 * @param responseTime when its response arrived (response_time)
 * @param lifetime the freshness lifetime (RFC 9111 4.2.1)
 * @param alwaysRevalidate {@code no-cache}: stored, but never used without revalidation
 * @param mustRevalidate {@code must-revalidate}/{@code proxy-revalidate}: never served stale
 * @param prepared what every answer from it shares, worked out once when it is stored ({@link PreparedAnswers}): the
 *     corrected initial age and the headers of each representation
 */
record StoredResponse(
        int status,
        HttpHeaders headers,
        byte[] body,
        byte[] gzipBody,
        Map<String, String> varyValues,
        Instant requestTime,
        Instant responseTime,
        Duration lifetime,
        boolean alwaysRevalidate,
        boolean mustRevalidate,
        PreparedAnswers prepared) {

    /** 2^31 seconds: RFC 9111 1.2.2's "infinity" for delta-seconds. */
    private static final long INVALID_AGE = 2147483648L;

    StoredResponse(
            int status,
            HttpHeaders headers,
            byte[] body,
            byte[] gzipBody,
            Map<String, String> varyValues,
            Instant requestTime,
            Instant responseTime,
            Duration lifetime,
            boolean alwaysRevalidate,
            boolean mustRevalidate) {
        this(
                status,
                headers,
                body,
                gzipBody,
                varyValues,
                requestTime,
                responseTime,
                lifetime,
                alwaysRevalidate,
                mustRevalidate,
                PreparedAnswers.of(headers, body, gzipBody, correctedInitialAge(headers, requestTime, responseTime)));
    }

    /**
     * RFC 9111 4.2.3: corrected initial age plus resident time, in whole seconds. The corrected initial age depends on
     * the stored headers alone, so it is worked out once when the response is stored (issue 16: parsing the Date
     * header on every hit was a tenth of a hit's CPU).
     */
    Duration age(Instant now) {
        Duration residentTime = Duration.between(responseTime, now);
        return prepared.correctedInitialAge().plus(residentTime);
    }

    private static Duration correctedInitialAge(HttpHeaders headers, Instant requestTime, Instant responseTime) {
        Instant date = HttpDates.parse(headers.getFirst(HttpHeaders.DATE)).orElse(responseTime);
        Duration apparentAge = max(Duration.ZERO, Duration.between(date, responseTime));
        long ageValue = ageHeaderSeconds(headers);
        Duration responseDelay = Duration.between(requestTime, responseTime);
        Duration correctedAgeValue = Duration.ofSeconds(ageValue).plus(responseDelay);
        return max(apparentAge, correctedAgeValue);
    }

    boolean fresh(Instant now) {
        return !alwaysRevalidate && age(now).compareTo(lifetime) < 0;
    }

    /** How long it has been stale (negative while fresh). */
    Duration staleness(Instant now) {
        return age(now).minus(lifetime);
    }

    String etag() {
        return headers.getFirst(HttpHeaders.ETAG);
    }

    String lastModified() {
        return headers.getFirst(HttpHeaders.LAST_MODIFIED);
    }

    boolean hasValidator() {
        return etag() != null || lastModified() != null;
    }

    /** The bytes it holds: the bodies, the headers as stored and once more per prepared representation. */
    long weight() {
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        int representations = gzipBody == null ? 1 : 2;
        return body.length + (gzipBody == null ? 0 : gzipBody.length) + headerBytes * (1 + representations) + 256;
    }

    /**
     * The Age the response arrived with. RFC 9111 5.1: a cache must treat an invalid Age (not a
     * single non-negative integer: a list, a fraction, a parameter) as stale, so it counts as
     * older than any lifetime.
     */
    private static long ageHeaderSeconds(HttpHeaders headers) {
        List<String> values = headers.get("Age");
        if (values == null || values.isEmpty()) {
            return 0;
        }
        String age = values.get(0).trim();
        if (values.size() > 1 || age.isEmpty() || !age.chars().allMatch(Character::isDigit)) {
            return INVALID_AGE;
        }
        try {
            return Long.parseLong(age);
        } catch (NumberFormatException ex) {
            return INVALID_AGE;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
