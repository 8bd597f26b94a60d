package dev.powerpages.emulator.trafficmanager.probe;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Probe metrics per endpoint (Prometheus names in brackets):
 * probe latency timer [traffic_manager_probe_latency_seconds{outcome}], probe failure counter
 * [traffic_manager_probe_failures_total], one gauge per monitor status that is 1 for the current one
 * [traffic_manager_endpoint_status{status}], and Azure's "Endpoint Status by Endpoint" metric,
 * 1 while the endpoint is Online or Unmonitored, else 0 [traffic_manager_endpoint_up].
 */
@Component
public class ProbeMetrics {

    private final MeterRegistry registry;

    public ProbeMetrics(MeterRegistry registry, ProfileRegistry profiles) {
        this.registry = registry;
        for (TrafficManagerProfile profile : profiles.all()) {
            for (TrafficManagerEndpoint endpoint : profile.endpoints()) {
                Tags tags = tags(profile, endpoint);
                for (EndpointMonitorStatus status : EndpointMonitorStatus.values()) {
                    Gauge.builder("traffic.manager.endpoint.status", endpoint,
                                    e -> e.monitorStatus() == status ? 1 : 0)
                            .description("1 for the endpoint's current endpointMonitorStatus, 0 for the others")
                            .tags(tags.and("status", status.azureName()))
                            .register(registry);
                }
                Gauge.builder("traffic.manager.endpoint.up", endpoint,
                                e -> e.monitorStatus() == EndpointMonitorStatus.ONLINE
                                        || e.monitorStatus() == EndpointMonitorStatus.UNMONITORED ? 1 : 0)
                        .description("Azure's Endpoint Status by Endpoint: 1 while Online (or Unmonitored)")
                        .tags(tags)
                        .register(registry);
                failures(tags); // registered up front so that dashboards see 0 rather than no series
            }
        }
    }

    void record(TrafficManagerProfile profile, TrafficManagerEndpoint endpoint, ProbeResult result) {
        Tags tags = tags(profile, endpoint);
        Timer.builder("traffic.manager.probe.latency")
                .description("Time from sending a health probe to its outcome")
                .tags(tags.and("outcome", result.success() ? "success" : "failure"))
                .register(registry)
                .record(result.latency());
        if (!result.success()) {
            failures(tags).increment();
        }
    }

    private Counter failures(Tags tags) {
        return Counter.builder("traffic.manager.probe.failures")
                .description("Health probes that failed (unexpected status, timeout, connection error)")
                .tags(tags)
                .register(registry);
    }

    private static Tags tags(TrafficManagerProfile profile, TrafficManagerEndpoint endpoint) {
        return Tags.of(List.of(Tag.of("profile", profile.name()), Tag.of("endpoint", endpoint.name())));
    }
}
