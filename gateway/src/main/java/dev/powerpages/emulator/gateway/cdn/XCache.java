package dev.powerpages.emulator.gateway.cdn;

/**
 * Values of Front Door's {@code X-Cache} response header, with the meanings its documentation
 * gives them, plus the two refresh outcomes of a revalidated entry.
 */
enum XCache {

    /** Served from the edge's cache. */
    TCP_HIT,

    /** Not in the cache: served from the origin (and stored if cacheable). */
    TCP_MISS,

    /** A stale entry was revalidated with the origin (304) and served from the cache. */
    TCP_REFRESH_HIT,

    /** A stale entry was revalidated and the origin sent a new response. */
    TCP_REFRESH_MISS,

    /** The route is configured not to cache this request. */
    CONFIG_NOCACHE,

    /** The origin's Cache-Control says private or no-store. */
    PRIVATE_NOSTORE,

    /** The response cannot be cached (status, Vary: *, Set-Cookie, no freshness or validator, size). */
    UNCACHEABLE;

    static final String HEADER = "X-Cache";
}
