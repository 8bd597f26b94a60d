package dev.powerpages.emulator.trafficmanager.profile;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    private final int probeAgents;

    TrafficManagerProfile(String name, ProfileDefinition definition, int historySize, Clock clock, int probeAgents) {
        this(name, definition, new StatusChangeHistory(historySize), clock, probeAgents, List.of());
    }

    private TrafficManagerProfile(
            String name,
            ProfileDefinition definition,
            StatusChangeHistory history,
            Clock clock,
            int probeAgents,
            List<TrafficManagerEndpoint> reusable) {
        this.name = name;
        this.definition = definition;
        this.history = history;
        this.clock = clock;
        this.probeAgents = probeAgents;
        List<TrafficManagerEndpoint> built = new ArrayList<>();
        for (EndpointDefinition endpoint : definition.endpoints()) {
            built.add(reusable.stream()
                    .filter(old -> sameMonitoring(old.definition(), endpoint))
                    .findFirst()
                    .orElseGet(() -> new TrafficManagerEndpoint(
                            endpoint, definition.profileStatus(), definition.monitorConfig(), probeAgents)));
        }
        this.endpoints = List.copyOf(built);
    }

    /**
     * The profile after an update (a PUT or PATCH through the API). Endpoints whose monitoring is unchanged
     * keep their status and probe history, as in Azure, where changing one endpoint does not reset the others;
     * an endpointStatus change is applied (and recorded) as an enable or disable. Everything else starts
     * over at CheckingEndpoint.
     */
    TrafficManagerProfile updatedTo(ProfileDefinition newDefinition) {
        boolean sameProfileMonitoring = newDefinition.monitorConfig().equals(definition.monitorConfig())
                && newDefinition.profileStatus() == definition.profileStatus();
        TrafficManagerProfile updated = new TrafficManagerProfile(
                name, newDefinition, history, clock, probeAgents, sameProfileMonitoring ? endpoints : List.of());
        for (EndpointDefinition endpoint : newDefinition.endpoints()) {
            TrafficManagerEndpoint current = updated.endpoint(endpoint.name()).orElseThrow();
            if (endpoints.contains(current)) {
                updated.changeEndpointStatus(current, endpoint.endpointStatus());
            }
        }
        return updated;
    }

    private static boolean sameMonitoring(EndpointDefinition old, EndpointDefinition updated) {
        return old.name().equalsIgnoreCase(updated.name())
                && Objects.equals(old.target(), updated.target())
                && Objects.equals(old.type(), updated.type())
                && old.alwaysServe() == updated.alwaysServe()
                && Objects.equals(old.priority(), updated.priority())
                && Objects.equals(old.endpointLocation(), updated.endpointLocation());
    }

    public String name() {
        return name;
    }

    public ProfileDefinition definition() {
        return definition;
    }

    /** The definition with each endpoint's endpointStatus as it is now: what the API shows and persists. */
    public ProfileDefinition currentDefinition() {
        return new ProfileDefinition(
                definition.trafficRoutingMethod(),
                definition.profileStatus(),
                definition.dnsConfig(),
                definition.monitorConfig(),
                endpoints.stream()
                        .map(TrafficManagerEndpoint::currentDefinition)
                        .toList(),
                definition.emulator());
    }

    public boolean isEnabled() {
        return definition.profileStatus() == ProfileStatus.ENABLED;
    }

    public List<TrafficManagerEndpoint> endpoints() {
        return endpoints;
    }

    public Optional<TrafficManagerEndpoint> endpoint(String endpointName) {
        return endpoints.stream()
                .filter(endpoint -> endpoint.name().equalsIgnoreCase(endpointName))
                .findFirst();
    }

    /** monitorConfig.intervalInSeconds, divided by the emulator's time scale. */
    public Duration probeInterval() {
        return scaled(definition.monitorConfig().intervalInSeconds());
    }

    /** monitorConfig.timeoutInSeconds, divided by the emulator's time scale. */
    public Duration probeTimeout() {
        return scaled(definition.monitorConfig().timeoutInSeconds());
    }

    /**
     * The TTL answers carry: dnsConfig.ttl divided by the emulator's time scale, rounded up so that a
     * cacheable answer stays cacheable (DNS TTLs are whole seconds). 0 stays 0.
     */
    public int answerTtl() {
        int ttl = definition.dnsConfig().ttl();
        return (int) Math.min(
                Integer.MAX_VALUE, (long) Math.ceil(ttl / definition.emulator().timeScale()));
    }

    private Duration scaled(int seconds) {
        long millis = Math.round(seconds * 1000.0 / definition.emulator().timeScale());
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** Applies one probing agent's result to an endpoint and records the status change it causes, if any. */
    public void recordProbe(TrafficManagerEndpoint endpoint, long probeGeneration, int agent, ProbeResult result) {
        endpoint.record(probeGeneration, agent, result)
                .ifPresent(transition ->
                        addChange(endpoint, transition, describe(transition, result), result, agentId(agent)));
    }

    /** The id events and metrics give a probing agent. */
    public static String agentId(int agent) {
        return "agent-" + (agent + 1);
    }

    /** Enables or disables an endpoint, as a PATCH of its endpointStatus does in Azure. */
    public Optional<EndpointStatusChange> changeEndpointStatus(
            TrafficManagerEndpoint endpoint, EndpointStatus endpointStatus) {
        return endpoint.changeEndpointStatus(endpointStatus, definition.profileStatus())
                .map(transition ->
                        addChange(endpoint, transition, "endpointStatus set to " + endpointStatus, null, null));
    }

    public ProfileState state() {
        return new ProfileState(
                name,
                definition,
                endpoints.stream().map(TrafficManagerEndpoint::state).toList());
    }

    /** Endpoint status changes, newest first. */
    public List<EndpointStatusChange> statusChanges() {
        return history.newestFirst().stream()
                .filter(EndpointStatusChange.class::isInstance)
                .map(EndpointStatusChange.class::cast)
                .toList();
    }

    /** Every event (status changes and scaling decisions), newest first. */
    public List<ProfileEvent> events() {
        return history.newestFirst();
    }

    /**
     * Records a scaling decision a region's front reported for one of this profile's endpoints (the one that stands
     * for the region), in the same history as the status changes.
     */
    public ScaleDecision recordScaleDecision(TrafficManagerEndpoint endpoint, String reason, int from, int to) {
        ScaleDecision decision = new ScaleDecision(clock.instant(), endpoint.name(), reason, from, to);
        history.add(decision);
        log.info(
                "Traffic Manager profile {} endpoint {}: instances {} -> {} ({})",
                name,
                endpoint.name(),
                from,
                to,
                reason);
        return decision;
    }

    private EndpointStatusChange addChange(
            TrafficManagerEndpoint endpoint,
            EndpointMonitor.Transition transition,
            String reason,
            ProbeResult probe,
            String agent) {
        EndpointStatusChange change = new EndpointStatusChange(
                clock.instant(), endpoint.name(), transition.from(), transition.to(), reason, probe, agent);
        history.add(change);
        log.info(
                "Traffic Manager profile {} endpoint {}: {} -> {} ({})",
                name,
                endpoint.name(),
                transition.from(),
                transition.to(),
                reason);
        return change;
    }

    private String describe(EndpointMonitor.Transition transition, ProbeResult result) {
        String agents = transition.agents() == 1
                ? ""
                : "; " + transition.agentsDegraded() + " of " + transition.agents() + " probe agents see more "
                        + "failures than tolerated";
        if (result.success()) {
            String answer =
                    result.statusCode() == null ? "Connection accepted" : "Probe answered HTTP " + result.statusCode();
            return answer + " in " + result.latency().toMillis() + " ms" + agents;
        }
        return transition.consecutiveFailures() + " consecutive probe failures, more than the "
                + definition.monitorConfig().toleratedNumberOfFailures() + " tolerated" + agents + "; last: "
                + result.error();
    }
}
