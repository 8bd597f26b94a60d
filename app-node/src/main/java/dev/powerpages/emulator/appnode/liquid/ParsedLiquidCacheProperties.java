package dev.powerpages.emulator.appnode.liquid;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The size of {@link ParsedLiquidCache}, in characters of Liquid source ({@code liquid.parse-cache.*}, default in
 * application.yml).
 *
 * @param maxChars the sources' characters the cache holds the parses of, all entries together; {@code 0} parses every
 *     render afresh (as the node did before the cache); unset: {@link #DEFAULT_MAX_CHARS}
 */
@ConfigurationProperties("liquid.parse-cache")
public record ParsedLiquidCacheProperties(Long maxChars) {

    /** The size when configuration names none (application.yml names the same); see application.yml for why. */
    public static final long DEFAULT_MAX_CHARS = 500_000;

    /** The defaults, for code that builds a renderer without Spring (tests, tools). */
    public static final ParsedLiquidCacheProperties DEFAULTS = new ParsedLiquidCacheProperties(null);

    public ParsedLiquidCacheProperties {
        maxChars = maxChars == null || maxChars < 0 ? DEFAULT_MAX_CHARS : maxChars;
    }
}
