package dev.powerpages.emulator.trafficmanager.profile;

import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.CHECKING_ENDPOINT;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.DEGRADED;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.DISABLED;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.INACTIVE;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.ONLINE;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.UNMONITORED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndpointMonitorTest {

    private static final ProbeResult OK = ProbeResult.succeeded(Instant.EPOCH, 200, Duration.ofMillis(5));
    private static final ProbeResult UNAVAILABLE =
            ProbeResult.failed(Instant.EPOCH, 503, "HTTP 503", Duration.ofMillis(5));

    private static EndpointMonitor monitor(int tolerated) {
        return new EndpointMonitor(tolerated, ProfileStatus.ENABLED, EndpointStatus.ENABLED, AlwaysServe.DISABLED);
    }

    private static void probe(EndpointMonitor monitor, ProbeResult result) {
        monitor.record(monitor.generation(), result);
    }

    @Test
    void isCheckingEndpointUntilTheFirstProbeResult() {
        EndpointMonitor monitor = monitor(1);

        assertThat(monitor.status()).isEqualTo(CHECKING_ENDPOINT);
        assertThat(monitor.isMonitored()).isTrue();
    }

    @Test
    void firstSuccessfulProbeMakesTheEndpointOnline() {
        EndpointMonitor monitor = monitor(1);

        var transition = monitor.record(monitor.generation(), OK);

        assertThat(monitor.status()).isEqualTo(ONLINE);
        assertThat(transition).hasValueSatisfying(t -> {
            assertThat(t.from()).isEqualTo(CHECKING_ENDPOINT);
            assertThat(t.to()).isEqualTo(ONLINE);
        });
    }

    @Test
    void failuresWithinTheToleratedNumberLeaveAFreshEndpointCheckingEndpoint() {
        EndpointMonitor monitor = monitor(2);

        probe(monitor, UNAVAILABLE);
        probe(monitor, UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(CHECKING_ENDPOINT);
        probe(monitor, UNAVAILABLE);
        assertThat(monitor.status()).isEqualTo(DEGRADED);
    }

    @Test
    void onlineEndpointIsDegradedOnlyAfterMoreFailuresThanTolerated() {
        EndpointMonitor monitor = monitor(3);
        probe(monitor, OK);

        for (int failure = 1; failure <= 3; failure++) {
            probe(monitor, UNAVAILABLE);
            assertThat(monitor.status()).as("after %d failures", failure).isEqualTo(ONLINE);
        }
        var transition = monitor.record(monitor.generation(), UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(DEGRADED);
        assertThat(transition)
                .hasValueSatisfying(t -> assertThat(t.consecutiveFailures()).isEqualTo(4));
    }

    @Test
    void noToleratedFailureMeansTheFirstFailureDegrades() {
        EndpointMonitor monitor = monitor(0);
        probe(monitor, OK);

        probe(monitor, UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(DEGRADED);
    }

    @Test
    void aSuccessResetsTheConsecutiveFailureCount() {
        EndpointMonitor monitor = monitor(1);
        probe(monitor, OK);

        probe(monitor, UNAVAILABLE);
        probe(monitor, OK);
        probe(monitor, UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(ONLINE);
        assertThat(monitor.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void firstSuccessAfterDegradedFailsBackToOnline() {
        EndpointMonitor monitor = monitor(1);
        probe(monitor, OK);
        probe(monitor, UNAVAILABLE);
        probe(monitor, UNAVAILABLE);
        assertThat(monitor.status()).isEqualTo(DEGRADED);

        probe(monitor, OK);

        assertThat(monitor.status()).isEqualTo(ONLINE);
        assertThat(monitor.consecutiveFailures()).isZero();
    }

    @Test
    void disabledEndpointIsDisabledAndIgnoresProbeResults() {
        EndpointMonitor monitor =
                new EndpointMonitor(1, ProfileStatus.ENABLED, EndpointStatus.DISABLED, AlwaysServe.DISABLED);

        probe(monitor, OK);

        assertThat(monitor.status()).isEqualTo(DISABLED);
        assertThat(monitor.isMonitored()).isFalse();
    }

    @Test
    void endpointsOfADisabledProfileAreInactiveButDisabledEndpointsStayDisabled() {
        assertThat(new EndpointMonitor(1, ProfileStatus.DISABLED, EndpointStatus.ENABLED, AlwaysServe.DISABLED)
                        .status())
                .isEqualTo(INACTIVE);
        assertThat(new EndpointMonitor(1, ProfileStatus.DISABLED, EndpointStatus.DISABLED, AlwaysServe.DISABLED)
                        .status())
                .isEqualTo(DISABLED);
    }

    @Test
    void alwaysServeEndpointIsUnmonitoredAndNeverChangedByProbes() {
        EndpointMonitor monitor =
                new EndpointMonitor(0, ProfileStatus.ENABLED, EndpointStatus.ENABLED, AlwaysServe.ENABLED);

        probe(monitor, UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(UNMONITORED);
        assertThat(monitor.isMonitored()).isFalse();
    }

    @Test
    void reEnablingStartsCheckingAgainAndIgnoresProbesSentBeforeTheChange() {
        EndpointMonitor monitor = monitor(0);
        probe(monitor, OK);
        long before = monitor.generation();
        monitor.reconfigure(ProfileStatus.ENABLED, EndpointStatus.DISABLED, AlwaysServe.DISABLED);

        monitor.reconfigure(ProfileStatus.ENABLED, EndpointStatus.ENABLED, AlwaysServe.DISABLED);
        monitor.record(before, UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(CHECKING_ENDPOINT);
        assertThat(monitor.consecutiveFailures()).isZero();
    }

    private static EndpointMonitor monitorWithAgents(int tolerated, int agents) {
        return new EndpointMonitor(
                tolerated, agents, ProfileStatus.ENABLED, EndpointStatus.ENABLED, AlwaysServe.DISABLED);
    }

    @Test
    void oneFailingAgentOutOfThreeDoesNotDegradeTheEndpoint() {
        EndpointMonitor monitor = monitorWithAgents(0, 3);
        monitor.record(monitor.generation(), 0, OK);

        monitor.record(monitor.generation(), 1, UNAVAILABLE);
        monitor.record(monitor.generation(), 1, UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(ONLINE);
    }

    @Test
    void endpointIsDegradedOnceAMajorityOfAgentsSeeMoreFailuresThanToleratedAndOnlineWhenThatMajorityEnds() {
        EndpointMonitor monitor = monitorWithAgents(1, 3);
        monitor.record(monitor.generation(), 0, OK);
        monitor.record(monitor.generation(), 0, UNAVAILABLE);
        monitor.record(monitor.generation(), 0, UNAVAILABLE);
        monitor.record(monitor.generation(), 1, UNAVAILABLE);
        assertThat(monitor.status()).as("one agent past the tolerated count").isEqualTo(ONLINE);

        var degraded = monitor.record(monitor.generation(), 1, UNAVAILABLE);

        assertThat(monitor.status()).isEqualTo(DEGRADED);
        assertThat(degraded).hasValueSatisfying(t -> {
            assertThat(t.agentsDegraded()).isEqualTo(2);
            assertThat(t.agents()).isEqualTo(3);
            assertThat(t.consecutiveFailures()).isEqualTo(2);
        });

        monitor.record(monitor.generation(), 1, OK);
        assertThat(monitor.status())
                .as("failback on the success that ends the majority")
                .isEqualTo(ONLINE);
    }
}
