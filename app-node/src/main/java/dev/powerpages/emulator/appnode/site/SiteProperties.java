package dev.powerpages.emulator.appnode.site;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which website the node serves and how it keeps its metadata.
 *
 * @param websiteName the {@code adx_websites.adx_name} to serve; blank serves the store's first website
 * @param refreshInterval how often the snapshot is reloaded in full when the store does not track changes
 * @param changePollInterval how often the delta links are asked what changed: the bound within which an edit shows
 * @param staleAfter a snapshot older than this counts as stale even if no refresh has failed yet
 * @param webFileCacheMaxBytes upper bound of the web file content cache (sum of file sizes)
 * @param webFileCacheControl {@code Cache-Control} of web files when the site setting {@code WebFiles/Cache-Control} is absent
 * @param cacheablePageMaxAge {@code max-age} of the pages listed in the site setting {@code ContentDeliveryNetwork/CacheablePages}
 * @param tables further tables of the site (entity set names) read with every snapshot, all columns, and followed by
 *               change tracking like the core ones: what features such as forms, lists, languages and redirects read
 *               through {@link SiteSnapshot#tables()}; a table the store lacks reads as empty
 * @param firstLoadRetryInterval until the node has its first snapshot, how soon a failed load is tried again (in place
 *               of {@code changePollInterval}): the stack starts all at once and the store is the last up, so the
 *               sooner a node looks again once it answers, the sooner the node serves
 */
@ConfigurationProperties("site")
public record SiteProperties(
        String websiteName,
        Duration refreshInterval,
        Duration changePollInterval,
        Duration staleAfter,
        long webFileCacheMaxBytes,
        String webFileCacheControl,
        Duration cacheablePageMaxAge,
        List<String> tables,
        Duration firstLoadRetryInterval) {}
