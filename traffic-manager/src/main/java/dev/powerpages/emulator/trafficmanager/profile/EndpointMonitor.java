package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Arrays;
import java.util.Optional;

/**
 * The endpoint monitor status state machine, after Azure's "Traffic Manager endpoint monitoring":
 * <ul>
 * <li>{@code CheckingEndpoint} while monitored and no verdict yet (a failure within the tolerated
 * count is not yet a verdict);</li>
 * <li>{@code Online} on any successful probe, including the first one after {@code Degraded}
 * (automatic failback);</li>
 * <li>{@code Degraded} once the number of consecutive failures is higher than
 * {@code toleratedNumberOfFailures} (0 tolerated: the first failure degrades);</li>
 * <li>{@code Disabled} when the endpoint is disabled, {@code Inactive} when its profile is, and
 * {@code Unmonitored} when {@code alwaysServe} is Enabled: none of these is probed.</li>
 * </ul>
 * <p>
 * Several probing agents: Azure probes every endpoint from several locations, each on the profile's
 * interval ("Traffic Manager FAQ": the volume of health checks depends on the interval and "the number of
 * locations from where the health checks originate"), and decides one status per endpoint. Azure does
 * not document how the agents' results combine; the emulator takes the majority view: each agent keeps
 * its own count of consecutive failures, the endpoint is {@code Degraded} while a majority of agents have
 * seen more failures than tolerated, and {@code Online} again once a success leaves no such majority
 * (one agent: exactly the rule above). A single flaky agent therefore cannot take an endpoint out.
 * Thread-safe: probe results arrive on HTTP client threads while the API reads and changes it.
 */
public final class EndpointMonitor {

    /**
     * A change of status.
     *
     * @param consecutiveFailures the consecutive failures the reporting agent has seen
     * @param agentsDegraded how many agents now see more failures than tolerated
     * @param agents how many agents probe the endpoint
     */
    public record Transition(
            EndpointMonitorStatus from,
            EndpointMonitorStatus to,
            int consecutiveFailures,
            int agentsDegraded,
            int agents) {}

    private final int toleratedNumberOfFailures;
    private EndpointMonitorStatus status;
    private final int[] consecutiveFailures;
    // Bumped on every configuration change so that a probe sent before it cannot change the status after it.
    private long generation;
    private ProbeResult lastResult;

    public EndpointMonitor(
            int toleratedNumberOfFailures,
            ProfileStatus profileStatus,
            EndpointStatus endpointStatus,
            AlwaysServe alwaysServe) {
        this(toleratedNumberOfFailures, 1, profileStatus, endpointStatus, alwaysServe);
    }

    public EndpointMonitor(
            int toleratedNumberOfFailures,
            int agents,
            ProfileStatus profileStatus,
            EndpointStatus endpointStatus,
            AlwaysServe alwaysServe) {
        if (agents < 1) {
            throw new IllegalArgumentException("at least one probe agent is needed");
        }
        this.toleratedNumberOfFailures = toleratedNumberOfFailures;
        this.consecutiveFailures = new int[agents];
        this.status = configuredStatus(profileStatus, endpointStatus, alwaysServe);
    }

    /** The status that follows from configuration alone (Azure's table: endpoint Disabled wins over profile Disabled). */
    static EndpointMonitorStatus configuredStatus(
            ProfileStatus profileStatus, EndpointStatus endpointStatus, AlwaysServe alwaysServe) {
        if (endpointStatus == EndpointStatus.DISABLED) {
            return EndpointMonitorStatus.DISABLED;
        }
        if (profileStatus == ProfileStatus.DISABLED) {
            return EndpointMonitorStatus.INACTIVE;
        }
        if (alwaysServe == AlwaysServe.ENABLED) {
            return EndpointMonitorStatus.UNMONITORED;
        }
        return EndpointMonitorStatus.CHECKING_ENDPOINT;
    }

    /** Applies the only agent's probe outcome (a monitor with one agent). */
    public Optional<Transition> record(long probeGeneration, ProbeResult result) {
        return record(probeGeneration, 0, result);
    }

    /** Applies one agent's probe outcome; results of probes sent before the last reconfiguration are ignored. */
    public synchronized Optional<Transition> record(long probeGeneration, int agent, ProbeResult result) {
        if (probeGeneration != generation || !isMonitored()) {
            return Optional.empty();
        }
        lastResult = result;
        consecutiveFailures[agent] = result.success() ? 0 : consecutiveFailures[agent] + 1;
        int degraded = agentsDegraded();
        if (degraded >= quorum()) {
            return moveTo(EndpointMonitorStatus.DEGRADED, agent, degraded);
        }
        // A success without a degraded majority is a verdict: Online (failback from Degraded included).
        // A failure within the tolerated count is none: CheckingEndpoint and Online stay as they are.
        return result.success() ? moveTo(EndpointMonitorStatus.ONLINE, agent, degraded) : Optional.empty();
    }

    private int agentsDegraded() {
        int degraded = 0;
        for (int failures : consecutiveFailures) {
            if (failures > toleratedNumberOfFailures) {
                degraded++;
            }
        }
        return degraded;
    }

    /** More than half of the agents. */
    private int quorum() {
        return consecutiveFailures.length / 2 + 1;
    }

    /** Applies a configuration change (endpoint enabled or disabled): monitoring starts over. */
    public synchronized Optional<Transition> reconfigure(
            ProfileStatus profileStatus, EndpointStatus endpointStatus, AlwaysServe alwaysServe) {
        generation++;
        Arrays.fill(consecutiveFailures, 0);
        lastResult = null;
        return moveTo(configuredStatus(profileStatus, endpointStatus, alwaysServe), 0, 0);
    }

    private Optional<Transition> moveTo(EndpointMonitorStatus next, int agent, int agentsDegraded) {
        EndpointMonitorStatus previous = status;
        status = next;
        return previous == next
                ? Optional.empty()
                : Optional.of(new Transition(
                        previous, next, consecutiveFailures[agent], agentsDegraded, consecutiveFailures.length));
    }

    /** Whether the probing agents check this endpoint (Disabled, Inactive and Unmonitored ones are not). */
    public synchronized boolean isMonitored() {
        return status == EndpointMonitorStatus.CHECKING_ENDPOINT
                || status == EndpointMonitorStatus.ONLINE
                || status == EndpointMonitorStatus.DEGRADED;
    }

    public synchronized EndpointMonitorStatus status() {
        return status;
    }

    /** The highest count of consecutive failures any agent has seen. */
    public synchronized int consecutiveFailures() {
        return Arrays.stream(consecutiveFailures).max().orElse(0);
    }

    public int agents() {
        return consecutiveFailures.length;
    }

    public synchronized long generation() {
        return generation;
    }

    public synchronized Optional<ProbeResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    public int toleratedNumberOfFailures() {
        return toleratedNumberOfFailures;
    }
}
