package dev.powerpages.emulator.appnode.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.appnode.site.SiteLoader;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * each table's delta link what changed (one table, then the others at once, on a few threads), applies the changed rows and deleted
 * ids to the rows it holds, and builds the snapshot again from them — no table is read again, so an edit shows
 * within about one interval and one round of delta queries. A store that answers without delta links is reloaded in
 * full every {@code site.refresh-interval}; a delta link the store refuses (it restarted, the token expired) or a
 * change that cannot be applied leads to a full reload. The timers {@code appnode.config.poll} (one round of delta
 * queries) and {@code appnode.config.update} (applying changes and building the snapshot) show what this costs.
 *
 * <p>A failed refresh leaves the last snapshot in place (served stale) and is recorded in {@link #status()}: the
 * store being unreachable must not take the site down, since every region shares the same store.
 */
@Component
public class SiteCache {

    private static final Logger log = LoggerFactory.getLogger(SiteCache.class);
    private static final String KEY = "site";
    /** Delta links asked at once: a round takes about as long as its slowest query, not their sum. */
    private static final int POLL_THREADS = 8;

    private final SiteLoader loader;
    private final StoreClient store;
    private final SiteProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Cache<String, SiteSnapshot> snapshots =
            Caffeine.newBuilder().maximumSize(1).recordStats().build();
    private final AtomicReference<RefreshStatus> status = new AtomicReference<>(RefreshStatus.NEVER);
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private final Counter fullLoads;
    private volatile Map<String, String> deltaLinks = Map.of();
    /** The rows of every table as last read and updated by deltas: entity set → primary key → row. */
    private volatile Map<String, Map<String, StoreRow>> rows = Map.of();

    private final ExecutorService pollers = Executors.newFixedThreadPool(POLL_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "site-change-poll");
        thread.setDaemon(true);
        return thread;
    });
    private final Timer pollTimer;
    private final Timer updateTimer;
    private volatile boolean tracked;
    private volatile Instant lastFullLoad = Instant.EPOCH;

    public SiteCache(SiteLoader loader, StoreClient store, SiteProperties properties, MeterRegistry meters) {
        this.loader = loader;
        this.store = store;
        this.properties = properties;
        this.meters = meters;
        CaffeineCacheMetrics.monitor(meters, snapshots, "site-snapshot");
        this.fullLoads = Counter.builder("appnode.config.loads")
                .description("Full loads of the configuration tables")
                .register(meters);
        this.pollTimer = Timer.builder("appnode.config.poll")
                .description("One round of delta queries (all tables)")
                .register(meters);
        this.updateTimer = Timer.builder("appnode.config.update")
                .description("Applying the changes a round found and building the snapshot again")
                .register(meters);
        Gauge.builder("appnode.config.change.tracking", this, cache -> cache.tracked ? 1 : 0)
                .description("1 while the node follows the store's change tracking, 0 while it reloads on a timer")
                .register(meters);
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
            if (current().isEmpty() || reloadRequested.getAndSet(false) || !tracked && due) {
                reload();
            } else if (tracked) {
                followChanges();
            }
            RefreshStatus previous = status.getAndUpdate(s -> s.succeeded(started));
            if (previous.consecutiveFailures() > 0) {
                log.info("Site metadata refreshed again after {} failed attempt(s)", previous.consecutiveFailures());
            }
        } catch (RuntimeException ex) {
            RefreshStatus previous = status.getAndUpdate(s -> s.failed(started, ex.getMessage()));
            // Log the first failure of a run only: a store outage would otherwise flood the log every interval.
            if (previous.consecutiveFailures() == 0) {
                log.warn(
                        "Refreshing the site metadata failed; {}: {}",
                        current().isPresent() ? "serving the last snapshot" : "no snapshot yet",
                        ex.getMessage());
            }
        }
    }

    private void reload() {
        // No snapshot yet: no visitor is served, and the store may still be starting (the stack starts together).
        SiteLoader.LoadedSite loaded = current().isEmpty() ? loader.loadFirst() : loader.load();
        snapshots.put(KEY, loaded.snapshot());
        deltaLinks = loaded.deltaLinks();
        rows = keyed(loaded.rows());
        if (tracked != loaded.tracked() && !loaded.tracked()) {
            log.info(
                    "The metadata store answers no delta link for {}; reloading every {}",
                    loaded.untracked(),
                    properties.refreshInterval());
        }
        tracked = loaded.tracked();
        lastFullLoad = clock.instant();
        fullLoads.increment();
    }

    /**
     * Asks every table's delta link what changed (in parallel), applies the changes to the rows held and builds the
     * snapshot from them; reloads in full when the store refuses a delta link or a change names no key.
     */
    private void followChanges() {
        Map<String, String> links = deltaLinks;
        Map<String, Future<StoreClient.Changes>> asked = new HashMap<>();
        long started = System.nanoTime();
        Map<String, StoreClient.Changes> answers = new HashMap<>();
        // One table first: while the store is down a round costs one failed call, as a sequential poll did, rather
        // than a burst that trips the circuit breaker at once.
        String first = links.keySet().stream().sorted().findFirst().orElse(null);
        if (first != null) {
            try {
                answers.put(first, store.changes(first, links.get(first)));
            } catch (HttpClientErrorException ex) {
                log.info("The delta link of {} was refused ({}); reloading the site", first, ex.getStatusCode());
                reload();
                return;
            }
        }
        links.forEach((table, link) -> {
            if (!table.equals(first)) {
                asked.put(table, pollers.submit(() -> store.changes(table, link)));
            }
        });
        for (Map.Entry<String, Future<StoreClient.Changes>> answer : asked.entrySet()) {
            try {
                answers.put(answer.getKey(), answer.getValue().get());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking what changed", ex);
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof HttpClientErrorException refused) {
                    // The store no longer knows the token (it restarted, or the token expired): start over with a full
                    // load.
                    log.info(
                            "The delta link of {} was refused ({}); reloading the site",
                            answer.getKey(),
                            refused.getStatusCode());
                    asked.values().forEach(future -> future.cancel(true));
                    reload();
                    return;
                }
                throw ex.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(ex.getCause());
            }
        }
        pollTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        Map<String, String> next = new HashMap<>(links);
        Map<String, Map<String, StoreRow>> updated = null;
        for (Map.Entry<String, StoreClient.Changes> answer : answers.entrySet()) {
            String table = answer.getKey();
            StoreClient.Changes changes = answer.getValue();
            if (changes.deltaLink() != null) {
                next.put(table, changes.deltaLink());
            }
            if (!changes.any()) {
                continue;
            }
            meters.counter("appnode.config.changes", "table", table)
                    .increment(changes.changed().size() + changes.deletedIds().size());
            if (updated == null) {
                updated = new HashMap<>(rows);
            }
            Map<String, StoreRow> tableRows = new LinkedHashMap<>(updated.getOrDefault(table, Map.of()));
            changes.deletedIds().forEach(id -> tableRows.remove(lower(id)));
            for (StoreRow row : changes.changed()) {
                String id = row.text(primaryKey(table));
                if (id == null) {
                    log.info("A change to {} names no {}; reloading the site", table, primaryKey(table));
                    reload();
                    return;
                }
                tableRows.put(lower(id), row);
            }
            updated.put(table, tableRows);
        }
        if (updated != null) {
            long building = System.nanoTime();
            Map<String, List<StoreRow>> lists = new HashMap<>();
            updated.forEach((table, byId) -> lists.put(table, List.copyOf(byId.values())));
            snapshots.put(KEY, loader.reassemble(lists));
            rows = updated;
            updateTimer.record(System.nanoTime() - building, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        deltaLinks = Map.copyOf(next);
    }

    private static Map<String, Map<String, StoreRow>> keyed(Map<String, List<StoreRow>> read) {
        Map<String, Map<String, StoreRow>> keyed = new HashMap<>();
        read.forEach((table, list) -> {
            Map<String, StoreRow> byId = new LinkedHashMap<>();
            String key = primaryKey(table);
            int unkeyed = 0;
            for (StoreRow row : list) {
                String id = row.text(key);
                byId.put(id == null ? "\u0000" + unkeyed++ : lower(id), row);
            }
            keyed.put(table, byId);
        });
        return keyed;
    }

    /**
     * A table's primary key column, from its entity set as Dataverse names them: {@code adx_webpages} →
     * {@code adx_webpageid}, {@code adx_urlhistories} → {@code adx_urlhistoryid}, {@code adx_websiteaccesses} →
     * {@code adx_websiteaccessid}, an intersect set {@code adx_entitypermission_webroleset} →
     * {@code adx_entitypermission_webroleid}.
     */
    static String primaryKey(String entitySet) {
        String name = entitySet.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith("set")) {
            return name.substring(0, name.length() - 3) + "id";
        }
        if (name.endsWith("ies")) {
            return name.substring(0, name.length() - 3) + "yid";
        }
        if (name.endsWith("sses") || name.endsWith("xes")) {
            return name.substring(0, name.length() - 2) + "id";
        }
        return (name.endsWith("s") ? name.substring(0, name.length() - 1) : name) + "id";
    }

    private static String lower(String id) {
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /** The pollers end with the application. */
    @jakarta.annotation.PreDestroy
    void stopPolling() {
        pollers.shutdownNow();
    }
}
