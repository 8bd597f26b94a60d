package dev.powerpages.emulator.gateway.cdn;

/** Front Door's route setting {@code queryStringCachingBehavior}, with its ARM names. */
public enum QueryStringCachingBehavior {

    /** One entry per path, whatever the query string. */
    IgnoreQueryString,

    /** One entry per distinct query string (parameter order does not matter). */
    UseQueryString,

    /** The listed parameters are left out of the cache key. */
    IgnoreSpecifiedQueryStrings,

    /** Only the listed parameters are part of the cache key. */
    IncludeSpecifiedQueryStrings
}
