package dev.powerpages.emulator.gateway.cdn;

import dev.powerpages.emulator.gateway.WafStage;
import dev.powerpages.emulator.gateway.edge.EdgeErrorHandler;
import dev.powerpages.emulator.gateway.edge.EdgeRequestMetrics;
import dev.powerpages.emulator.gateway.edge.VisitorsLoops;
import dev.powerpages.emulator.gateway.origin.EdgeRetryProperties;
import dev.powerpages.emulator.gateway.origin.OriginMetrics;
import dev.powerpages.emulator.gateway.origin.OriginResolver;
import dev.powerpages.emulator.gateway.origin.TrafficManagerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;
import reactor.netty.http.client.HttpClient;
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
    CachePolicy cdnCachePolicy(CdnProperties properties, SiteFileExtensions fileExtensions) {
        return new CachePolicy(properties, fileExtensions);
    }

    @Bean
    CdnRoutes cdnRoutes(ObjectProvider<RouteLocator> routeLocator, CdnProperties properties) {
        return new CdnRoutes(routeLocator.getIfAvailable(), properties.maxEntries());
    }

    @Bean
    CdnFilter cdnFilter(
            CdnSettingsStore settings,
            EdgeCache cache,
            CdnProperties properties,
            CachePolicy cdnCachePolicy,
            CdnMetrics metrics,
            CdnRoutes routes) {
        return new CdnFilter(settings, cache, cdnCachePolicy, metrics, properties, Clock.systemUTC(), routes);
    }

    /**
     * Fresh hits answered ahead of the web pipeline (issue 16); with {@code gateway.cdn.fast-hits: false} every hit
     * takes the whole pipeline. The bean exists either way and reads the switch when the server is built: Spring AOT
     * (the gateway's pom runs process-aot) would fix a condition when the jar is built.
     */
    /** What the server's request observation records, recorded directly for answers given ahead of the pipeline. */
    @Bean
    FastHitMeters fastHitMeters(
            MeterRegistry registry,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<ServerRequestObservationConvention> convention,
            ObjectProvider<ObservationFilter> observationFilters,
            ObjectProvider<MetricsProperties> metricsProperties,
            ObjectProvider<EdgeRequestMetrics> edgeMetrics) {
        boolean longTaskTimers =
                metricsProperties.getIfAvailable(MetricsProperties::new).getObservations().getIgnoredMeters().stream()
                        .noneMatch(ignored -> ignored == DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER);
        return new FastHitMeters(
                registry,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                convention.getIfAvailable(DefaultServerRequestObservationConvention::new),
                observationFilters.orderedStream().toList(),
                longTaskTimers,
                edgeMetrics.getIfAvailable());
    }

    /**
     * Fresh hits answered ahead of the web pipeline (issue 16); with {@code gateway.cdn.fast-hits: false} every hit
     * takes the whole pipeline. The bean exists either way and reads the switch when the server is built: Spring AOT
     * (the gateway's pom runs process-aot) would fix a condition when the jar is built.
     */
    @Bean
    CdnFastHits cdnFastHits(
            CdnProperties properties,
            CdnSettingsStore settings,
            EdgeCache cache,
            CachePolicy cdnCachePolicy,
            CdnRoutes routes,
            ObjectProvider<WafStage> waf,
            CdnMetrics metrics,
            FastHitMeters meters) {
        return new CdnFastHits(
                properties.fastHits(),
                settings,
                cache,
                cdnCachePolicy,
                routes,
                // Without a WAF stage nothing can say that the WAF would pass a request: no request is taken early.
                waf.getIfAvailable(() -> WafStage.ABSENT),
                metrics,
                meters,
                Clock.systemUTC());
    }

    /**
     * Proxied requests ahead of the web pipeline (issue 16, target 2b); with {@code gateway.fast-proxy.enabled: false}
     * every request takes the whole pipeline. Exists either way and reads the switch when the server is built, as
     * {@link #cdnFastHits} does. The pipeline's beans are looked up when the first request needs them: they are built
     * after the server's decorators.
     */
    @Bean
    ProxiedFastPath proxiedFastPath(
            ObjectProvider<FastProxyProperties> properties,
            CdnSettingsStore settings,
            ObjectProvider<WafStage> waf,
            ObjectProvider<OriginResolver> resolver,
            ObjectProvider<OriginMetrics> originMetrics,
            ObjectProvider<EdgeRetryProperties> edgeRetry,
            ObjectProvider<TrafficManagerProperties> trafficManager,
            ObjectProvider<HttpClient> httpClient,
            ObjectProvider<HttpClientProperties> clientProperties,
            ObjectProvider<GatewayProperties> gatewayProperties,
            FastHitMeters meters,
            ObjectProvider<VisitorsLoops> visitorsLoops,
            ObjectProvider<HttpHeadersFilter> headersFilters,
            ObjectProvider<EdgeErrorHandler> errorHandler,
            ObjectProvider<RouteLocator> routeLocator,
            ObjectProvider<GlobalFilter> globalFilters,
            ObjectProvider<WebFilter> webFilters) {
        OriginResolver origins = resolver.getIfAvailable();
        TrafficManagerProperties profile = trafficManager.getIfAvailable();
        EdgeErrorHandler errors = errorHandler.getIfAvailable();
        // A web slice without the properties (the admin API's) or without the origin beans proxies nothing here.
        FastProxyProperties fastProxy =
                properties.getIfAvailable(() -> new FastProxyProperties(false, false, DataSize.ofBytes(0)));
        boolean usable = fastProxy.enabled() && origins != null && profile != null && errors != null;
        return new ProxiedFastPath(
                usable,
                fastProxy.wafInspected(),
                fastProxy.oneWriteMaxSize() == null
                        ? 0
                        : fastProxy.oneWriteMaxSize().toBytes(),
                settings,
                waf.getIfAvailable(() -> WafStage.ABSENT),
                origins,
                originMetrics.getIfAvailable(),
                edgeRetry.getIfAvailable(() -> new EdgeRetryProperties(false)).enabled(),
                profile == null ? null : profile.profile(),
                usable ? httpClient.getIfUnique() : null,
                clientProperties.getIfAvailable(HttpClientProperties::new),
                gatewayProperties.getIfAvailable(GatewayProperties::new).getStreamingMediaTypes(),
                gatewayProperties.getIfAvailable(GatewayProperties::new).getTrustedProxies(),
                meters,
                visitorsLoops.getIfAvailable(VisitorsLoops::new),
                new ProxiedFastPath.Pipeline() {
                    @Override
                    public List<HttpHeadersFilter> headersFilters() {
                        return headersFilters.orderedStream().toList();
                    }

                    @Override
                    public EdgeErrorHandler errorHandler() {
                        return errors;
                    }

                    @Override
                    public RouteLocator routeLocator() {
                        return routeLocator.getIfAvailable();
                    }

                    @Override
                    public List<GlobalFilter> globalFilters() {
                        return globalFilters.orderedStream().toList();
                    }

                    @Override
                    public List<WebFilter> webFilters() {
                        return webFilters.orderedStream().toList();
                    }
                });
    }
}
