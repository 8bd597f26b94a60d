package dev.powerpages.emulator.trafficmanager.probe;

import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.trafficmanager.profile.EmulatorSettings;
import dev.powerpages.emulator.trafficmanager.profile.EndpointDefinition;
import dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus;
import dev.powerpages.emulator.trafficmanager.profile.MonitorConfig;
import dev.powerpages.emulator.trafficmanager.profile.MonitorProtocol;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import dev.powerpages.emulator.trafficmanager.profile.ProfileDefinition;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {

    /**
     * An endpoint that answers at once while it is up and, once down, lets each probe run into its timeout, as a
     * killed container's address swallows the connection.
     */
    private static final class EndpointThatGoesDown extends HttpHealthProbe {

        volatile boolean up = true;

        @Override
        public CompletableFuture<ProbeResult> probe(URI uri, MonitorConfig monitor, Duration timeout) {
            Instant sent = Instant.now();
            if (up) {
                return CompletableFuture.completedFuture(ProbeResult.succeeded(sent, 200, Duration.ZERO));
            }
            return CompletableFuture.supplyAsync(
                    () -> ProbeResult.failed(sent, null, "No answer within the timeout", timeout),
                    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /**
     * The first agent's answer makes the endpoint Online; the other two agents, whose first probes come later in the
     * interval, never get one, so they look again between their interval's probes. Their interval's failures must
     * still count: before, an interval's probe that found such a look out was skipped, so the endpoint stayed Online
     * for good (the container kit's failover test once waited 28 s on it).
     */
    @Test
    void anEndpointThatGoesDownBeforeEveryAgentHasHadAnAnswerIsStillMarkedDegraded() {
        // Azure's 10 s interval, a 6 s timeout and 1 tolerated failure, twice as fast: the demo profile's 5 s and 3 s.
        // A
        // probe of the down endpoint takes 3 s; an agent without an answer looks again 1 s after a probe is out, so its
        // look launched as the interval's probe ends is still out when the next interval's probe comes due.
        ProfileRegistry registry = new ProfileRegistry(new TrafficManagerProperties(
                Map.of(
                        "contoso",
                        new ProfileDefinition(
                                null,
                                null,
                                null,
                                new MonitorConfig(MonitorProtocol.HTTP, 80, "/health", 10, 6, 1, null, null),
                                List.of(new EndpointDefinition(
                                        "primary", null, "primary.example", null, 1, null, null)),
                                new EmulatorSettings(2.0, null))),
                null,
                null,
                null,
                3,
                ""));
        TrafficManagerEndpoint primary =
                registry.find("contoso").orElseThrow().endpoint("primary").orElseThrow();
        EndpointThatGoesDown endpoint = new EndpointThatGoesDown();
        ProbeScheduler scheduler = new ProbeScheduler(
                registry, endpoint, new TcpHealthProbe(), new ProbeMetrics(new SimpleMeterRegistry(), registry));

        scheduler.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> primary.monitorStatus() == EndpointMonitorStatus.ONLINE);
            endpoint.up = false;

            await().atMost(Duration.ofSeconds(40))
                    .until(() -> primary.monitorStatus() == EndpointMonitorStatus.DEGRADED);
        } finally {
            scheduler.stop();
        }
    }
}
