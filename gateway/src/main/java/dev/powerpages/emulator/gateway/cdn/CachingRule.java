package dev.powerpages.emulator.gateway.cdn;

/** Which responses the CDN may keep. */
public enum CachingRule {

    /**
     * Power Pages' CDN: static files by extension, and pages the origin marks {@code public} for
     * anonymous visitors; {@code 200} responses only; entries refreshed at least hourly.
     */
    PowerPages,

    /** Front Door route caching: anything the origin's headers allow, on any path. */
    FrontDoorRoute
}
