package dev.powerpages.emulator.trafficmanager.profile;

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
 * Thread-safe: probe results arrive on HTTP client threads while the API reads and changes it.
 */
public final class EndpointMonitor {

    /** A change of status, with the consecutive failure count at the time. */
    public record Transition(EndpointMonitorStatus from, EndpointMonitorStatus to, int consecutiveFailures) {
    }

    private final int toleratedNumberOfFailures;
    private EndpointMonitorStatus status;
    private int consecutiveFailures;
    // Bumped on every configuration change so that a probe sent before it cannot change the status after it.
    private long generation;
    private ProbeResult lastResult;

    public EndpointMonitor(int toleratedNumberOfFailures, ProfileStatus profileStatus,
            EndpointStatus endpointStatus, AlwaysServe alwaysServe) {
        this.toleratedNumberOfFailures = toleratedNumberOfFailures;
        this.status = configuredStatus(profileStatus, endpointStatus, alwaysServe);
    }

    /** The status that follows from configuration alone (Azure's table: endpoint Disabled wins over profile Disabled). */
    static EndpointMonitorStatus configuredStatus(ProfileStatus profileStatus, EndpointStatus endpointStatus,
            AlwaysServe alwaysServe) {
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

    /** Applies a probe outcome; results of probes sent before the last reconfiguration are ignored. */
    public synchronized Optional<Transition> record(long probeGeneration, ProbeResult result) {
        if (probeGeneration != generation || !isMonitored()) {
            return Optional.empty();
        }
        lastResult = result;
        if (result.success()) {
            consecutiveFailures = 0;
            return moveTo(EndpointMonitorStatus.ONLINE);
        }
        consecutiveFailures++;
        return consecutiveFailures > toleratedNumberOfFailures
                ? moveTo(EndpointMonitorStatus.DEGRADED)
                : Optional.empty();
    }

    /** Applies a configuration change (endpoint enabled or disabled): monitoring starts over. */
    public synchronized Optional<Transition> reconfigure(ProfileStatus profileStatus, EndpointStatus endpointStatus,
            AlwaysServe alwaysServe) {
        generation++;
        consecutiveFailures = 0;
        lastResult = null;
        return moveTo(configuredStatus(profileStatus, endpointStatus, alwaysServe));
    }

    private Optional<Transition> moveTo(EndpointMonitorStatus next) {
        EndpointMonitorStatus previous = status;
        status = next;
        return previous == next ? Optional.empty()
                : Optional.of(new Transition(previous, next, consecutiveFailures));
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

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
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
