package dev.powerpages.emulator.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The edge's request meters. Spring Boot registers every {@code ObservationHandler} bean with the observation
 * registry, so the server's request observation feeds them.
 */
@Configuration(proxyBeanMethods = false)
class EdgeMetricsConfiguration {

    @Bean
    EdgeRequestMetrics edgeRequestMetrics(MeterRegistry registry, EdgeMetricsProperties properties) {
        return new EdgeRequestMetrics(registry, properties);
    }
}
