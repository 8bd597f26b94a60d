package dev.powerpages.emulator.appnode.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.appnode.site.SiteLoader;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Holds the site snapshot in Caffeine and replaces it on every background refresh. A failed refresh leaves the
 * last snapshot in place (served stale) and is recorded in {@link #status()}: the store being unreachable must
 * not take the site down, since every region shares the same store.
 */
@Component
public class SiteCache {

    private static final Logger log = LoggerFactory.getLogger(SiteCache.class);
    private static final String KEY = "site";

    private final SiteLoader loader;
    private final Clock clock = Clock.systemUTC();
    private final Cache<String, SiteSnapshot> snapshots = Caffeine.newBuilder().maximumSize(1).recordStats().build();
    private final AtomicReference<RefreshStatus> status = new AtomicReference<>(RefreshStatus.NEVER);

    public SiteCache(SiteLoader loader, MeterRegistry meterRegistry) {
        this.loader = loader;
        CaffeineCacheMetrics.monitor(meterRegistry, snapshots, "site-snapshot");
    }

    public Optional<SiteSnapshot> current() {
        return Optional.ofNullable(snapshots.getIfPresent(KEY));
    }

    public RefreshStatus status() {
        return status.get();
    }

    /** Reloads the snapshot from the store; called on the refresh schedule. */
    public void refresh() {
        Instant started = clock.instant();
        try {
            SiteSnapshot snapshot = loader.load();
            snapshots.put(KEY, snapshot);
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
}
