package dev.powerpages.emulator.trafficmanager.profile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The profiles declared under {@code traffic-manager.profiles}, checked at start-up so that a mistake in
 * configuration stops the application with a message naming the property, rather than surfacing later.
 */
@Component
public class ProfileRegistry {

    private final Map<String, TrafficManagerProfile> profiles = new LinkedHashMap<>();

    public ProfileRegistry(TrafficManagerProperties properties) {
        Clock clock = Clock.systemUTC();
        new TreeMap<>(properties.profiles()).forEach((name, definition) -> {
            ProfileDefinition normalized = normalize(name, definition);
            List<String> problems = problems(normalized);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Invalid traffic-manager.profiles." + name + ": "
                        + String.join("; ", problems));
            }
            profiles.put(name, new TrafficManagerProfile(name, normalized, properties.eventHistorySize(), clock));
        });
    }

    public Collection<TrafficManagerProfile> all() {
        return profiles.values();
    }

    /** Azure resource names are case-insensitive. */
    public Optional<TrafficManagerProfile> find(String name) {
        return profiles.values().stream().filter(profile -> profile.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Fills in what Azure derives: the relative DNS name from the profile name, priorities from the order. */
    private static ProfileDefinition normalize(String name, ProfileDefinition definition) {
        DnsConfig dns = definition.dnsConfig().relativeName() == null
                ? new DnsConfig(name, definition.dnsConfig().ttl()) : definition.dnsConfig();
        List<EndpointDefinition> endpoints = new ArrayList<>();
        for (int i = 0; i < definition.endpoints().size(); i++) {
            EndpointDefinition endpoint = definition.endpoints().get(i);
            endpoints.add(endpoint.priority() == null ? endpoint.withPriority(i + 1) : endpoint);
        }
        return new ProfileDefinition(definition.trafficRoutingMethod(), definition.profileStatus(), dns,
                definition.monitorConfig(), endpoints, definition.emulator());
    }

    private static List<String> problems(ProfileDefinition definition) {
        List<String> problems = new ArrayList<>();
        if (definition.trafficRoutingMethod() != TrafficRoutingMethod.PRIORITY) {
            problems.add("trafficRoutingMethod " + definition.trafficRoutingMethod()
                    + " is not emulated (only Priority is)");
        }
        if (definition.dnsConfig().ttl() < 0) {
            problems.add("dnsConfig.ttl must not be negative");
        }
        MonitorConfig monitor = definition.monitorConfig();
        if (monitor.protocol() == MonitorProtocol.TCP) {
            problems.add("monitorConfig.protocol TCP is not emulated yet (HTTP and HTTPS are)");
        }
        if (monitor.port() < 1 || monitor.port() > 65535) {
            problems.add("monitorConfig.port must be 1-65535");
        }
        if (!monitor.path().startsWith("/")) {
            problems.add("monitorConfig.path must start with /");
        }
        // Azure's ranges (timeout 5-10 s for a 30 s interval, 5-9 s for 10 s) keep a probe shorter than the interval.
        if (monitor.intervalInSeconds() < 1 || monitor.timeoutInSeconds() < 1
                || monitor.timeoutInSeconds() >= monitor.intervalInSeconds()) {
            problems.add("monitorConfig.timeoutInSeconds must be at least 1 and less than intervalInSeconds");
        }
        if (monitor.toleratedNumberOfFailures() < 0 || monitor.toleratedNumberOfFailures() > 9) {
            problems.add("monitorConfig.toleratedNumberOfFailures must be 0-9");
        }
        monitor.expectedStatusCodeRanges().stream()
                .filter(range -> range.min() < 100 || range.max() > 599 || range.min() > range.max())
                .forEach(range -> problems.add("monitorConfig.expectedStatusCodeRanges " + range
                        + " is not a range of HTTP status codes"));
        monitor.customHeaders().stream()
                .filter(header -> header.name() == null || header.name().isBlank() || header.value() == null)
                .forEach(header -> problems.add("monitorConfig.customHeaders need a name and a value"));
        if (!(definition.emulator().timeScale() > 0)) {
            problems.add("emulator.timeScale must be greater than 0");
        }
        Set<String> names = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        for (EndpointDefinition endpoint : definition.endpoints()) {
            String label = "endpoint " + endpoint.name();
            if (endpoint.name() == null || endpoint.name().isBlank()) {
                problems.add("every endpoint needs a name");
            }
            else if (!names.add(endpoint.name().toLowerCase())) {
                problems.add("endpoint names must be unique: " + endpoint.name());
            }
            if (!EndpointDefinition.EXTERNAL_ENDPOINTS.equals(endpoint.type())) {
                problems.add(label + ": type " + endpoint.type() + " is not emulated (only externalEndpoints is)");
            }
            try {
                EndpointTarget.parse(endpoint.target());
            }
            catch (IllegalArgumentException ex) {
                problems.add(label + ": " + ex.getMessage());
            }
            if (endpoint.priority() < 1 || endpoint.priority() > 1000) {
                problems.add(label + ": priority must be 1-1000");
            }
            else if (!priorities.add(endpoint.priority())) {
                problems.add(label + ": priority " + endpoint.priority() + " is used by another endpoint");
            }
        }
        return problems;
    }
}
