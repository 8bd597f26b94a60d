package dev.powerpages.emulator.trafficmanager.profile;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A profile at run time: its definition, its endpoints' monitors and the history of their status changes. */
public final class TrafficManagerProfile {

    private static final Logger log = LoggerFactory.getLogger(TrafficManagerProfile.class);

    private final String name;
    private final ProfileDefinition definition;
    private final List<TrafficManagerEndpoint> endpoints;
    private final StatusChangeHistory history;
    private final Clock clock;

    TrafficManagerProfile(String name, ProfileDefinition definition, int historySize, Clock clock) {
        this.name = name;
        this.definition = definition;
        this.endpoints = definition.endpoints().stream()
                .map(endpoint -> new TrafficManagerEndpoint(endpoint, definition.profileStatus(),
                        definition.monitorConfig()))
                .toList();
        this.history = new StatusChangeHistory(historySize);
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public ProfileDefinition definition() {
        return definition;
    }

    public boolean isEnabled() {
        return definition.profileStatus() == ProfileStatus.ENABLED;
    }

    public List<TrafficManagerEndpoint> endpoints() {
        return endpoints;
    }

    public Optional<TrafficManagerEndpoint> endpoint(String endpointName) {
        return endpoints.stream().filter(endpoint -> endpoint.name().equalsIgnoreCase(endpointName)).findFirst();
    }

    /** monitorConfig.intervalInSeconds, divided by the emulator's time scale. */
    public Duration probeInterval() {
        return scaled(definition.monitorConfig().intervalInSeconds());
    }

    /** monitorConfig.timeoutInSeconds, divided by the emulator's time scale. */
    public Duration probeTimeout() {
        return scaled(definition.monitorConfig().timeoutInSeconds());
    }

    private Duration scaled(int seconds) {
        long millis = Math.round(seconds * 1000.0 / definition.emulator().timeScale());
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** Applies a probe result to an endpoint and records the status change it causes, if any. */
    public void recordProbe(TrafficManagerEndpoint endpoint, long probeGeneration, ProbeResult result) {
        endpoint.record(probeGeneration, result)
                .ifPresent(transition -> addChange(endpoint, transition, describe(transition, result), result));
    }

    /** Enables or disables an endpoint, as a PATCH of its endpointStatus does in Azure. */
    public Optional<EndpointStatusChange> changeEndpointStatus(TrafficManagerEndpoint endpoint,
            EndpointStatus endpointStatus) {
        return endpoint.changeEndpointStatus(endpointStatus, definition.profileStatus())
                .map(transition -> addChange(endpoint, transition, "endpointStatus set to " + endpointStatus, null));
    }

    public ProfileState state() {
        return new ProfileState(name, definition,
                endpoints.stream().map(TrafficManagerEndpoint::state).toList());
    }

    /** Endpoint status changes, newest first. */
    public List<EndpointStatusChange> statusChanges() {
        return history.newestFirst();
    }

    private EndpointStatusChange addChange(TrafficManagerEndpoint endpoint, EndpointMonitor.Transition transition,
            String reason, ProbeResult probe) {
        EndpointStatusChange change = new EndpointStatusChange(clock.instant(), endpoint.name(),
                transition.from(), transition.to(), reason, probe);
        history.add(change);
        log.info("Traffic Manager profile {} endpoint {}: {} -> {} ({})", name, endpoint.name(),
                transition.from(), transition.to(), reason);
        return change;
    }

    private String describe(EndpointMonitor.Transition transition, ProbeResult result) {
        if (result.success()) {
            return "Probe answered HTTP " + result.statusCode() + " in " + result.latency().toMillis() + " ms";
        }
        return transition.consecutiveFailures() + " consecutive probe failures, more than the "
                + definition.monitorConfig().toleratedNumberOfFailures() + " tolerated; last: " + result.error();
    }
}
