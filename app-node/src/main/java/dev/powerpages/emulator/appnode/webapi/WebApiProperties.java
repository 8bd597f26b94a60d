package dev.powerpages.emulator.appnode.webapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The visitors' Web API ({@code /_api}).
 *
 * @param cacheMaxAge how long a read answer is served from the node's cache at most (a write by the site clears its table sooner)
 * @param cacheMaxEntries bound of that cache
 */
@ConfigurationProperties("webapi")
public record WebApiProperties(Duration cacheMaxAge, long cacheMaxEntries) {}
