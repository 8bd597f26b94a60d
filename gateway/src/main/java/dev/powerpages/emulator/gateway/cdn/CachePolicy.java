package dev.powerpages.emulator.gateway.cdn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What a shared cache may store and reuse (RFC 9111 sections 3 and 4), under the site's
 * {@link CachingRule}.
 */
final class CachePolicy {

    /** RFC 9110 15.1: statuses a cache may store with heuristic (default) freshness. */
    static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);

    private final CdnProperties properties;

    private final SiteFileExtensions fileExtensions;

    CachePolicy(CdnProperties properties, SiteFileExtensions fileExtensions) {
        this.properties = properties;
        this.fileExtensions = fileExtensions;
    }

    /** Power Pages sends signed-in visitors to the origin, always. */
    boolean authenticated(ServerHttpRequest request) {
        if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return true;
        }
        for (String cookie : properties.authCookies()) {
            if (request.getCookies().containsKey(cookie)) {
                return true;
            }
        }
        return false;
    }

    boolean staticFile(String path, CdnSettings settings) {
        String extension = FileExtensions.of(path);
        return !extension.isEmpty() && fileExtensions.current(settings).contains(extension);
    }

    /**
     * Whether the response may be stored; empty when it may, else the X-Cache value that says why
     * not.
     */
    Optional<XCache> refusal(CdnSettings settings, ServerHttpRequest request, int status, HttpHeaders response) {
        CacheDirectives directives = CacheDirectives.parse(response.getValuesAsList(HttpHeaders.CACHE_CONTROL));
        CacheDirectives requestDirectives =
                CacheDirectives.parse(request.getHeaders().getValuesAsList(HttpHeaders.CACHE_CONTROL));
        boolean understood = HEURISTICALLY_CACHEABLE.contains(status) || status == 302 || status == 307;
        // RFC 9111 5.2.2.3: must-understand lets a cache that knows the status ignore no-store.
        boolean noStore = directives.has("no-store") && !(directives.has("must-understand") && understood);
        if (noStore || directives.has("private")) {
            return Optional.of(XCache.PRIVATE_NOSTORE);
        }
        if (directives.has("must-understand") && !understood) {
            return Optional.of(XCache.UNCACHEABLE);
        }
        // 206: partial content is not combined here (RFC 9111 3.4 lets a cache decline).
        if (requestDirectives.has("no-store")
                || status == 206
                || status == 304
                || status < 200
                || Variants.varyNames(response).contains("*")) {
            return Optional.of(XCache.UNCACHEABLE);
        }
        boolean explicit =
                directives.has("s-maxage") || directives.has("max-age") || response.containsHeader(HttpHeaders.EXPIRES);
        boolean rule = settings.cachingRule() == CachingRule.PowerPages;
        if (rule && status != 200) {
            return Optional.of(XCache.UNCACHEABLE);
        }
        if (!HEURISTICALLY_CACHEABLE.contains(status) && !explicit) {
            return Optional.of(XCache.UNCACHEABLE);
        }
        // RFC 9111 3.5: a shared cache keeps a response to an authorized request only when the
        // origin says it may.
        if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && !directives.has("public")
                && !directives.has("s-maxage")
                && !directives.has("must-revalidate")) {
            return Optional.of(XCache.PRIVATE_NOSTORE);
        }
        if (rule) {
            if (response.containsHeader(HttpHeaders.SET_COOKIE)) {
                // Power Pages never caches a response that sets a cookie (it would hand one
                // visitor's cookie to the next).
                return Optional.of(XCache.UNCACHEABLE);
            }
            boolean page = !staticFile(request.getURI().getRawPath(), settings);
            // Rendered pages stay uncached unless the origin marks them cacheable for anyone.
            if (page && !directives.has("public") && !directives.has("s-maxage")) {
                return Optional.of(XCache.CONFIG_NOCACHE);
            }
        }
        Duration lifetime = lifetime(settings, response, Instant.now());
        boolean validator =
                response.containsHeader(HttpHeaders.ETAG) || response.containsHeader(HttpHeaders.LAST_MODIFIED);
        if ((lifetime.isZero() || directives.has("no-cache")) && !validator) {
            // Could only ever be used after revalidation, and cannot be revalidated.
            return Optional.of(XCache.UNCACHEABLE);
        }
        return Optional.empty();
    }

    /**
     * RFC 9111 4.2.1 for a shared cache: s-maxage, then max-age, then Expires minus Date; without
     * any, the default lifetime, which Front Door picks at random between 1 and 3 days (here
     * between {@code default-ttl-min} and {@code default-ttl-max}). The Power Pages rule refreshes
     * every entry at least hourly.
     */
    Duration lifetime(CdnSettings settings, HttpHeaders response, Instant responseTime) {
        CacheDirectives directives = CacheDirectives.parse(response.getValuesAsList(HttpHeaders.CACHE_CONTROL));
        Duration lifetime = directives
                .seconds("s-maxage")
                .or(() -> directives.seconds("max-age"))
                .or(() -> expires(response, responseTime))
                .orElseGet(this::defaultLifetime);
        if (settings.cachingRule() == CachingRule.PowerPages && lifetime.compareTo(properties.powerPagesMaxTtl()) > 0) {
            return properties.powerPagesMaxTtl();
        }
        return lifetime;
    }

    private static Optional<Duration> expires(HttpHeaders response, Instant responseTime) {
        List<String> expires = response.getValuesAsList(HttpHeaders.EXPIRES);
        if (expires.isEmpty()) {
            return Optional.empty();
        }
        // RFC 9111 5.3: an invalid Expires (such as "0") means already expired.
        Optional<Instant> at = HttpDates.parse(response.getFirst(HttpHeaders.EXPIRES));
        if (at.isEmpty()) {
            return Optional.of(Duration.ZERO);
        }
        Instant date = HttpDates.parse(response.getFirst(HttpHeaders.DATE)).orElse(responseTime);
        Duration lifetime = Duration.between(date, at.get());
        return Optional.of(lifetime.isNegative() ? Duration.ZERO : lifetime);
    }

    private Duration defaultLifetime() {
        long min = properties.defaultTtlMin().toMillis();
        long max = Math.max(min, properties.defaultTtlMax().toMillis());
        return Duration.ofMillis(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
    }

    /**
     * RFC 9111 4.2 and 5.2.1: whether a stored response may answer this request without asking
     * the origin.
     */
    static boolean usable(StoredResponse stored, ServerHttpRequest request, Instant now) {
        HttpHeaders headers = request.getHeaders();
        CacheDirectives requestDirectives = CacheDirectives.parse(headers.getValuesAsList(HttpHeaders.CACHE_CONTROL));
        if (requestDirectives.has("no-cache")
                || (requestDirectives.isEmpty()
                        && headers.getValuesAsList(HttpHeaders.PRAGMA).stream()
                                .anyMatch(p -> p.contains("no-cache")))) {
            return false;
        }
        if (headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
            CacheDirectives stored_ =
                    CacheDirectives.parse(stored.headers().getValuesAsList(HttpHeaders.CACHE_CONTROL));
            if (!stored_.has("public") && !stored_.has("s-maxage") && !stored_.has("must-revalidate")) {
                return false;
            }
        }
        Duration age = stored.age(now);
        Optional<Duration> maxAge = requestDirectives.seconds("max-age");
        if (maxAge.isPresent() && age.compareTo(maxAge.get()) > 0) {
            return false;
        }
        Optional<Duration> minFresh = requestDirectives.seconds("min-fresh");
        if (minFresh.isPresent() && stored.lifetime().minus(age).compareTo(minFresh.get()) < 0) {
            return false;
        }
        if (stored.fresh(now)) {
            return true;
        }
        Optional<Duration> maxStale = requestDirectives.optionalSeconds("max-stale");
        return maxStale.isPresent()
                && !stored.alwaysRevalidate()
                && !stored.mustRevalidate()
                && stored.staleness(now).compareTo(maxStale.get()) <= 0;
    }

    static boolean onlyIfCached(ServerHttpRequest request) {
        return CacheDirectives.parse(request.getHeaders().getValuesAsList(HttpHeaders.CACHE_CONTROL))
                .has("only-if-cached");
    }
}
