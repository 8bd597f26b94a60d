package dev.powerpages.emulator.appnode.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.appnode.site.SiteLoader;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The configuration tables (pages, templates, snippets, settings, web files, permissions …) as one snapshot, cached
 * for every visitor, as Power Pages' server-side cache does.
 *
 * <p>Power Pages refreshes that cache when Dataverse notifies a change, and documents that a change may take up to
 * 15 minutes to show. The emulator follows the store's change tracking instead (Dataverse's
 * {@code Prefer: odata.track-changes} / {@code @odata.deltaLink}): every {@code site.change-poll-interval} it asks
 * each table's delta link what changed, and reloads the snapshot when anything did — so an edit shows within about
 * that interval. A store that answers without delta links is reloaded in full every {@code site.refresh-interval}.
 *
 * <p>A failed refresh leaves the last snapshot in place (served stale) and is recorded in {@link #status()}: the
 * store being unreachable must not take the site down, since every region shares the same store.
 */
@Component
public class SiteCache {

    private static final Logger log = LoggerFactory.getLogger(SiteCache.class);
    private static final String KEY = "site";

    private final SiteLoader loader;
    private final StoreClient store;
    private final SiteProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Cache<String, SiteSnapshot> snapshots = Caffeine.newBuilder().maximumSize(1).recordStats().build();
    private final AtomicReference<RefreshStatus> status = new AtomicReference<>(RefreshStatus.NEVER);
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private final Counter fullLoads;
    private volatile Map<String, String> deltaLinks = Map.of();
    private volatile boolean tracked;
    private volatile Instant lastFullLoad = Instant.EPOCH;

    public SiteCache(SiteLoader loader, StoreClient store, SiteProperties properties, MeterRegistry meters) {
        this.loader = loader;
        this.store = store;
        this.properties = properties;
        this.meters = meters;
        CaffeineCacheMetrics.monitor(meters, snapshots, "site-snapshot");
        this.fullLoads = Counter.builder("appnode.config.loads").description("Full loads of the configuration tables").register(meters);
        Gauge.builder("appnode.config.change.tracking", this, cache -> cache.tracked ? 1 : 0)
                .description("1 while the node follows the store's change tracking, 0 while it reloads on a timer").register(meters);
    }

    public Optional<SiteSnapshot> current() {
        return Optional.ofNullable(snapshots.getIfPresent(KEY));
    }

    public RefreshStatus status() {
        return status.get();
    }

    /** Whether changes are followed through delta links (else: periodic full reloads). */
    public boolean changeTracking() {
        return tracked;
    }

    public com.github.benmanes.caffeine.cache.stats.CacheStats stats() {
        return snapshots.stats();
    }

    public long size() {
        return snapshots.estimatedSize();
    }

    /** "Clear config" of the about page: the next refresh reloads everything; the current snapshot serves meanwhile. */
    public void requestReload() {
        reloadRequested.set(true);
    }

    /** Called every {@code site.change-poll-interval}; never overlaps itself. */
    public void refresh() {
        Instant started = clock.instant();
        try {
            boolean due = Duration.between(lastFullLoad, started).compareTo(properties.refreshInterval()) >= 0;
            if (current().isEmpty() || reloadRequested.getAndSet(false) || !tracked && due || changed()) {
                reload();
            }
            RefreshStatus previous = status.getAndUpdate(s -> s.succeeded(started));
            if (previous.consecutiveFailures() > 0) {
                log.info("Site metadata refreshed again after {} failed attempt(s)", previous.consecutiveFailures());
            }
        }
        catch (RuntimeException ex) {
            RefreshStatus previous = status.getAndUpdate(s -> s.failed(started, ex.getMessage()));
            // Log the first failure of a run only: a store outage would otherwise flood the log every interval.
            if (previous.consecutiveFailures() == 0) {
                log.warn("Refreshing the site metadata failed; {}: {}",
                        current().isPresent() ? "serving the last snapshot" : "no snapshot yet", ex.getMessage());
            }
        }
    }

    private void reload() {
        SiteLoader.LoadedSite loaded = loader.load();
        snapshots.put(KEY, loaded.snapshot());
        deltaLinks = loaded.deltaLinks();
        if (tracked != loaded.tracked() && !loaded.tracked()) {
            log.info("The metadata store answers no delta link for {}; reloading every {}", loaded.untracked(), properties.refreshInterval());
        }
        tracked = loaded.tracked();
        lastFullLoad = clock.instant();
        fullLoads.increment();
    }

    /** Asks every table's delta link what changed; keeps the new links when nothing did. */
    private boolean changed() {
        if (!tracked) {
            return false;
        }
        Map<String, String> next = new HashMap<>();
        boolean changed = false;
        for (Map.Entry<String, String> table : deltaLinks.entrySet()) {
            StoreClient.Changes changes;
            try {
                changes = store.changes(table.getKey(), table.getValue());
            }
            catch (HttpClientErrorException ex) {
                // The store no longer knows the token (it restarted, or the token expired): start over with a full load.
                log.info("The delta link of {} was refused ({}); reloading the site", table.getKey(), ex.getStatusCode());
                return true;
            }
            if (changes.any()) {
                changed = true;
                meters.counter("appnode.config.changes", "table", table.getKey())
                        .increment(changes.changed().size() + changes.deletedIds().size());
            }
            next.put(table.getKey(), changes.deltaLink() != null ? changes.deltaLink() : table.getValue());
        }
        deltaLinks = Map.copyOf(next);
        return changed;
    }
}
