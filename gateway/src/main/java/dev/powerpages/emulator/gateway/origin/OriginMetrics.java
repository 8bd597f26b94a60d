package dev.powerpages.emulator.gateway.origin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what the edge sends to each origin, so a failover shows in
 * {@code gateway_origin_requests_total{endpoint=...}}.
 */
public class OriginMetrics {

    private final MeterRegistry registry;

    public OriginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void requestSent(ResolveAnswer origin) {
        Counter.builder("gateway.origin.requests")
                .description("Requests forwarded to an origin, by the traffic manager endpoint that took them")
                .tag("endpoint", origin.endpoint())
                .register(registry)
                .increment();
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
