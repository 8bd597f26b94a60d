package dev.powerpages.emulator.appnode.store;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the store calls' circuit breaker and retry metrics ({@code resilience4j_circuitbreaker_*},
 * {@code resilience4j_retry_*}, {@code resilience4j_bulkhead_*}). resilience4j-spring-boot3's own metrics auto-configuration does not take effect
 * on Boot 4 (it orders itself after Boot 3's metrics auto-configuration classes, which moved), so bind here.
 */
@Configuration(proxyBeanMethods = false)
class StoreResilienceMetrics {

    @Bean
    MeterBinder storeResilienceMeters(
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, BulkheadRegistry bulkheads) {
        return registry -> {
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers)
                    .bindTo(registry);
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        };
    }
}
