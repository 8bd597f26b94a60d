package dev.powerpages.emulator.gateway.origin;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OriginConfiguration {

    @Bean
    TrafficManagerClient trafficManagerClient(TrafficManagerProperties properties) {
        return new TrafficManagerClient(properties);
    }

    @Bean
    OriginResolver originResolver(TrafficManagerClient client, TrafficManagerProperties properties) {
        return new OriginResolver(client, properties, Clock.systemUTC());
    }

    @Bean
    OriginMetrics originMetrics(MeterRegistry registry) {
        return new OriginMetrics(registry);
    }

    @Bean
    TrafficManagerOriginFilter trafficManagerOriginFilter(
            OriginResolver resolver, OriginMetrics metrics, EdgeRetryProperties edgeRetry) {
        return new TrafficManagerOriginFilter(resolver, metrics, edgeRetry);
    }
}
