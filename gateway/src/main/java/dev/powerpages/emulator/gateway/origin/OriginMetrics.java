package dev.powerpages.emulator.gateway.origin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the edge sends to each origin, so a failover shows in
 * {@code gateway_origin_requests_total{endpoint=...}}.
 * <p>
 * The counter of each endpoint is kept once it is registered: every proxied request counts one, and Micrometer's
 * lookup of a meter by name and tags (a builder, its tags sorted and hashed, the registry's map) cost more per request
 * than the increment (issue 16, docs/benchmarks.md). The failure and retry counters stay looked up when used: they
 * count the rare requests that fail.
 */
public class OriginMetrics {

    private final MeterRegistry registry;

    private final Map<String, Counter> sent = new ConcurrentHashMap<>();

    public OriginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void requestSent(ResolveAnswer origin) {
        String endpoint = origin.endpoint();
        Counter counter = sent.get(endpoint);
        if (counter == null) {
            counter = sent.computeIfAbsent(endpoint, this::sentCounter);
        }
        counter.increment();
    }

    private Counter sentCounter(String endpoint) {
        return Counter.builder("gateway.origin.requests")
                .description("Requests forwarded to an origin, by the traffic manager endpoint that took them")
                .tag("endpoint", endpoint)
                .register(registry);
    }

    public void originFailed(ResolveAnswer origin, OriginFailure failure) {
        Counter.builder("gateway.origin.errors")
                .description("Forwarded requests the origin failed (refused, timed out, closed)")
                .tag("endpoint", origin.endpoint())
                .tag("error", failure.code())
                .register(registry)
                .increment();
    }

    public void retried(ResolveAnswer refused, ResolveAnswer next) {
        Counter.builder("gateway.origin.retries")
                .description("Idempotent requests the edge retried on the next endpoint after a refused connection")
                .tag("from", refused.endpoint())
                .tag("to", next.endpoint())
                .register(registry)
                .increment();
    }
}
