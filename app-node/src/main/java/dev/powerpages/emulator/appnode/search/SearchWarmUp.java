package dev.powerpages.emulator.appnode.search;

import dev.powerpages.emulator.appnode.cache.FirstSnapshot;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warms search up ({@link SiteSearch#warmUp()}) in the background once the node serves its first site snapshot, as
 * {@code forms.FormsWarmUp} reads the tables' metadata. It used to run from the moment the bean was built, on a
 * thread of its own: on two cores shared by five starting services that was 0.3-0.6 s of CPU taken from the start
 * itself (docs/benchmarks.md, "The services' own start-up CPU on fresh jars"). A site with search turned off
 * ({@code Search/Enabled} false) never loads Lucene's classes before a search would.
 */
@Component
class SearchWarmUp {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final SiteCache siteCache;

    SearchWarmUp(SiteCache siteCache) {
        this.siteCache = siteCache;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(this::warmUpOnceServed, "search-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether it warmed search up (the site came within {@link #WAIT} and has search on) */
    boolean warmUpOnceServed() {
        if (FirstSnapshot.await(siteCache, WAIT).filter(SiteSearch::enabled).isEmpty()) {
            return false;
        }
        SiteSearch.warmUp();
        return true;
    }
}
