package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.cache.FirstSnapshot;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the store's {@code $metadata} in the background once the site has loaded, if it has forms or lists: a cold
 * read inside the first render of a form page could take most of its {@code liquid.max-render-time}. Waiting for the
 * site first also leaves the store's token to the site load (no second token request racing it).
 */
@Component
class FormsWarmUp {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final SiteCache siteCache;
    private final TableCatalog catalog;

    FormsWarmUp(SiteCache siteCache, TableCatalog catalog) {
        this.siteCache = siteCache;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(this::warmUp, "forms-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void warmUp() {
        FirstSnapshot.await(siteCache, WAIT)
                .filter(site -> !(site.tables().activeRows("adx_entityforms").isEmpty()
                        && site.tables().activeRows("adx_webforms").isEmpty()
                        && site.tables().activeRows("adx_entitylists").isEmpty()))
                .ifPresent(site -> catalog.warmUp());
    }
}
