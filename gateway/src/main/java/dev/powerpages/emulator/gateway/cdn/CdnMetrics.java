package dev.powerpages.emulator.gateway.cdn;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code gateway.cdn.requests{x_cache=...}}: each request the CDN handled by its X-Cache outcome
 * (hit, miss, refresh, and why not cached). Evictions, size and weight come from Caffeine's own
 * statistics ({@code cache.*{cache=gateway.cdn}}).
 */
public class CdnMetrics {

    private final Map<XCache, Counter> counters = new EnumMap<>(XCache.class);

    public CdnMetrics(MeterRegistry registry) {
        for (XCache value : XCache.values()) {
            counters.put(
                    value,
                    Counter.builder("gateway.cdn.requests")
                            .description("Requests the edge's CDN handled, by X-Cache outcome")
                            .tag("x_cache", value.name())
                            .register(registry));
        }
    }

    void count(XCache outcome) {
        counters.get(outcome).increment();
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counters.forEach((value, counter) -> counts.put(value.name(), (long) counter.count()));
        return counts;
    }
}
