package dev.powerpages.emulator.appnode.services;

import dev.powerpages.emulator.appnode.cache.RefreshStatus;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.chaos.ChaosState;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether this node can serve the site, in the terms the traffic manager probes for:
 * <ul>
 * <li>{@code Healthy}: the site is loaded and the last refresh succeeded recently;</li>
 * <li>{@code Degraded}: serving the last snapshot because the store cannot be reached. Still able to serve, so
 * still 200: the store is shared by every region and failing over would not help;</li>
 * <li>{@code Unhealthy}: the site never loaded, or fault injection says so (503).</li>
 * </ul>
 */
@Component
class NodeHealth {

    private final SiteCache siteCache;
    private final ChaosState chaos;
    private final SiteProperties properties;
    private final Clock clock = Clock.systemUTC();

    private final StoreClient store;

    NodeHealth(SiteCache siteCache, ChaosState chaos, SiteProperties properties, StoreClient store) {
        this.store = store;
        this.siteCache = siteCache;
        this.chaos = chaos;
        this.properties = properties;
    }

    Assessment assess() {
        List<String> reasons = new ArrayList<>();
        SiteSnapshot site = siteCache.current().orElse(null);
        RefreshStatus refresh = siteCache.status();
        if (chaos.current().failHealth()) {
            reasons.add("Fault injection: failHealth is set");
        }
        if (site == null) {
            reasons.add(
                    refresh.lastError() == null
                            ? "The site's metadata has not been loaded yet"
                            : "The site's metadata could not be loaded: " + refresh.lastError());
        }
        if (!reasons.isEmpty()) {
            return new Assessment(Status.Unhealthy, reasons, site, refresh);
        }
        if (store.circuitBreakerState() == CircuitBreaker.State.OPEN) {
            reasons.add("The circuit breaker to the metadata store is open: calls fail fast until it closes again");
        }
        if (refresh.consecutiveFailures() > 0) {
            reasons.add("Metadata store unreachable (" + refresh.consecutiveFailures() + " failed refresh(es)): "
                    + refresh.lastError());
        }
        // With change tracking an unchanged site is not reloaded: what counts is when the store last answered.
        Instant confirmed = refresh.lastSuccess() != null ? refresh.lastSuccess() : site.loadedAt();
        Duration age = Duration.between(confirmed, clock.instant());
        if (age.compareTo(properties.staleAfter()) > 0) {
            reasons.add("Serving site metadata last confirmed " + age.toSeconds() + " s ago (at " + confirmed + ")");
        }
        return new Assessment(reasons.isEmpty() ? Status.Healthy : Status.Degraded, reasons, site, refresh);
    }

    enum Status {
        Healthy,
        Degraded,
        Unhealthy
    }

    String circuitBreaker() {
        return store.circuitBreakerState().name();
    }

    record Assessment(Status status, List<String> reasons, SiteSnapshot site, RefreshStatus refresh) {

        Instant siteLoadedAt() {
            return site == null ? null : site.loadedAt();
        }
    }
}
