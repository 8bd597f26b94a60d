package dev.powerpages.emulator.gateway.cdn;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The CDN's static configuration ({@code gateway.cdn.*}). The run-time switch and rule live in
 * {@link CdnSettings}; these values seed them on first start and bound the cache.
 *
 * @param enabled whether the CDN is on when no settings file exists yet (Power Pages: off)
 * @param cachingRule the rule used when no settings file exists yet
 * @param queryStringCachingBehavior Front Door's query-string behaviour used when no settings file exists yet
 * @param settingsFile where the run-time settings (switch, rule, query behaviour) are kept across restarts
 * @param defaultFileExtensions Power Pages' documented default list of cached static file extensions
 * @param authCookies request cookies that mark a signed-in visitor: such requests always go to the origin
 * @param maxEntries bound on stored responses (variants count one each)
 * @param maxSize bound on stored bytes (bodies, compressed copies and headers)
 * @param maxObjectSize a response larger than this is passed through and not stored
 * @param defaultTtlMin lower bound of the freshness given to responses without s-maxage, max-age or Expires
 * @param defaultTtlMax upper bound of that freshness: each such entry gets a random lifetime between the two
 * (Front Door caches them "anywhere from 1 to 3 days"); set both to 0s to keep only explicitly fresh responses
 * @param powerPagesMaxTtl Power Pages' CDN refreshes its entries at least this often
 * @param fastHits whether a fresh hit is answered ahead of the web pipeline ({@link CdnFastHits}); false sends every
 * hit through the web filters and the route's filters first (read at run time: the bench turns it off per start)
 * @param compression on-the-fly compression of stored responses
 * @param siteSettings where the site setting {@code ContentDeliveryNetwork/FileExtensions} is read
 */
@ConfigurationProperties("gateway.cdn")
public record CdnProperties(
        boolean enabled,
        CachingRule cachingRule,
        QueryStringCachingBehavior queryStringCachingBehavior,
        Path settingsFile,
        List<String> defaultFileExtensions,
        List<String> authCookies,
        long maxEntries,
        DataSize maxSize,
        DataSize maxObjectSize,
        Duration defaultTtlMin,
        Duration defaultTtlMax,
        Duration powerPagesMaxTtl,
        boolean fastHits,
        Compression compression,
        SiteSettings siteSettings) {

    /**
     * @param enabled whether stored responses are compressed for clients that accept it
     * @param minSize smaller bodies are sent as they are (Front Door: 1 KB)
     * @param maxSize larger bodies are sent as they are (Front Door: 8 MB)
     * @param mimeTypes compressible media types; a trailing {@code /*} matches a whole family
     */
    public record Compression(boolean enabled, DataSize minSize, DataSize maxSize, List<String> mimeTypes) {}

    /**
     * @param enabled whether to read the extension list from the metadata store at all
     * @param storeUrl the metadata store
     * @param tenantId the tenant whose token endpoint issues the edge's token
     * @param clientId the edge's application (client credentials)
     * @param clientSecret its secret
     * @param refreshInterval how long a value read from the store is used before it is read again
     * @param timeout bound on one read; the cache never waits for it
     */
    public record SiteSettings(
            boolean enabled,
            URI storeUrl,
            String tenantId,
            String clientId,
            String clientSecret,
            Duration refreshInterval,
            Duration timeout) {}
}
