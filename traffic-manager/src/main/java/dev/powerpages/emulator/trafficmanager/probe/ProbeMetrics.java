package dev.powerpages.emulator.trafficmanager.probe;

import dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Probe metrics (Prometheus names in brackets). Per endpoint and probing agent: probe latency timer
 * [traffic_manager_probe_latency_seconds{agent,outcome}] and probe failure counter
 * [traffic_manager_probe_failures_total{agent}]. Per endpoint: one gauge per monitor status that is 1 for the
 * current one [traffic_manager_endpoint_status{status}], and Azure's "Endpoint Status by Endpoint" metric,
 * 1 while the endpoint is Online or Unmonitored, else 0 [traffic_manager_endpoint_up]. The gauges look the
 * endpoint up by name, so they follow a profile that the API replaces, and read NaN once it is deleted.
 */
@Component
public class ProbeMetrics {

    private final MeterRegistry registry;
    private final ProfileRegistry profiles;
    private final Map<String, Boolean> gaugesRegistered = new ConcurrentHashMap<>();

    public ProbeMetrics(MeterRegistry registry, ProfileRegistry profiles) {
        this.registry = registry;
        this.profiles = profiles;
        for (TrafficManagerProfile profile : profiles.all()) {
            for (TrafficManagerEndpoint endpoint : profile.endpoints()) {
                registerGauges(profile.name(), endpoint.name());
                for (int agent = 0; agent < endpoint.probeAgents(); agent++) {
                    // registered up front so that dashboards see 0 rather than no series
                    failures(tags(profile.name(), endpoint.name(), agent));
                }
            }
        }
    }

    void record(TrafficManagerProfile profile, TrafficManagerEndpoint endpoint, int agent, ProbeResult result) {
        registerGauges(profile.name(), endpoint.name());
        Tags tags = tags(profile.name(), endpoint.name(), agent);
        Timer.builder("traffic.manager.probe.latency")
                .description("Time from sending a health probe to its outcome")
                .tags(tags.and("outcome", result.success() ? "success" : "failure"))
                .register(registry)
                .record(result.latency());
        Counter failures = failures(tags);
        if (!result.success()) {
            failures.increment();
        }
    }

    private void registerGauges(String profile, String endpoint) {
        if (gaugesRegistered.putIfAbsent(profile + "/" + endpoint, Boolean.TRUE) != null) {
            return;
        }
        Tags tags = Tags.of("profile", profile, "endpoint", endpoint);
        for (EndpointMonitorStatus status : EndpointMonitorStatus.values()) {
            Gauge.builder("traffic.manager.endpoint.status", () -> statusIs(profile, endpoint, status))
                    .description("1 for the endpoint's current endpointMonitorStatus, 0 for the others")
                    .tags(tags.and("status", status.azureName()))
                    .register(registry);
        }
        Gauge.builder("traffic.manager.endpoint.up", () -> {
                    double online = statusIs(profile, endpoint, EndpointMonitorStatus.ONLINE);
                    return Double.isNaN(online)
                            ? online
                            : online + statusIs(profile, endpoint, EndpointMonitorStatus.UNMONITORED);
                })
                .description("Azure's Endpoint Status by Endpoint: 1 while Online (or Unmonitored)")
                .tags(tags)
                .register(registry);
    }

    private double statusIs(String profile, String endpoint, EndpointMonitorStatus status) {
        return profiles.find(profile)
                .flatMap(p -> p.endpoint(endpoint))
                .map(e -> e.monitorStatus() == status ? 1.0 : 0.0)
                .orElse(Double.NaN);
    }

    private Counter failures(Tags tags) {
        return Counter.builder("traffic.manager.probe.failures")
                .description("Health probes that failed (unexpected status, timeout, connection error)")
                .tags(tags)
                .register(registry);
    }

    private static Tags tags(String profile, String endpoint, int agent) {
        return Tags.of("profile", profile, "endpoint", endpoint, "agent", TrafficManagerProfile.agentId(agent));
    }
}
