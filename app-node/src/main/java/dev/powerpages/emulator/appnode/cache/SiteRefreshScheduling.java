package dev.powerpages.emulator.appnode.cache;

import dev.powerpages.emulator.appnode.site.SiteProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Loads the site at start-up and then looks for changes every {@code site.change-poll-interval} (fixed delay: refreshes never overlap). */
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
        registrar.addFixedDelayTask(siteCache::refresh, properties.changePollInterval());
    }
}
