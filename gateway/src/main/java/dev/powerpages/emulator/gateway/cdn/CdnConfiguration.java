package dev.powerpages.emulator.gateway.cdn;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CdnConfiguration {

    @Bean
    CdnSettingsStore cdnSettingsStore(CdnProperties properties, JsonMapper jsonMapper) {
        return new CdnSettingsStore(properties, jsonMapper);
    }

    @Bean
    EdgeCache edgeCache(CdnProperties properties, MeterRegistry registry) {
        return new EdgeCache(properties, registry);
    }

    @Bean
    CdnMetrics cdnMetrics(MeterRegistry registry) {
        return new CdnMetrics(registry);
    }

    @Bean
    SiteFileExtensions siteFileExtensions(CdnProperties properties) {
        return new SiteFileExtensions(properties, WebClient.builder(), Clock.systemUTC());
    }

    @Bean
    CdnFilter cdnFilter(
            CdnSettingsStore settings,
            EdgeCache cache,
            CdnProperties properties,
            SiteFileExtensions fileExtensions,
            CdnMetrics metrics) {
        return new CdnFilter(
                settings, cache, new CachePolicy(properties, fileExtensions), metrics, properties, Clock.systemUTC());
    }
}
