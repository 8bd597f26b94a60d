package dev.powerpages.emulator.appnode.cache;

import dev.powerpages.emulator.appnode.site.SiteProperties;
import java.time.Instant;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Loads the site at start-up and then looks for changes every {@code site.change-poll-interval} (fixed delay: the
 * next refresh is timed from the end of the last, so refreshes never overlap). Until the node has its first snapshot
 * a failed load is tried again after {@code site.first-load-retry-interval} instead: when the stack starts together
 * the store is up last, and a whole poll interval between tries would hold the node's first answer back by up to
 * that long after the store answers.
 */
@Configuration(proxyBeanMethods = false)
class SiteRefreshScheduling implements SchedulingConfigurer {

    private final SiteCache siteCache;
    private final SiteProperties properties;

    SiteRefreshScheduling(SiteCache siteCache, SiteProperties properties) {
        this.siteCache = siteCache;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(siteCache::refresh, this::nextRefresh);
    }

    /** At once the first time; then a fixed delay after the last refresh ended, shorter while no snapshot exists. */
    Instant nextRefresh(TriggerContext context) {
        Instant lastCompletion = context.lastCompletion();
        if (lastCompletion == null) {
            return context.getClock().instant();
        }
        return lastCompletion.plus(
                siteCache.current().isEmpty() ? properties.firstLoadRetryInterval() : properties.changePollInterval());
    }
}
