package dev.powerpages.emulator.appnode.site;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which website the node serves and how it keeps its metadata.
 *
 * @param websiteName the {@code adx_websites.adx_name} to serve; blank serves the store's first website
 * @param refreshInterval how often the snapshot is reloaded from the store in the background
 * @param staleAfter a snapshot older than this counts as stale even if no refresh has failed yet
 * @param webFileCacheMaxBytes upper bound of the web file content cache (sum of file sizes)
 * @param webFileCacheControl {@code Cache-Control} of web files when the site setting {@code WebFiles/Cache-Control} is absent
 */
@ConfigurationProperties("site")
public record SiteProperties(String websiteName, Duration refreshInterval, Duration staleAfter,
        long webFileCacheMaxBytes, String webFileCacheControl) {
}
