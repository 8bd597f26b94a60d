package dev.powerpages.emulator.trafficmanager.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;

/**
 * Sends a health probe to every endpoint of every enabled profile once per probing interval, as Azure's
 * probing agents do (one agent here; Azure has several). Each endpoint has its own fixed-rate schedule and
 * its probe runs asynchronously, so a slow endpoint cannot delay another's probe. Endpoints that are not
 * monitored (Disabled, Inactive, Unmonitored) are skipped on each tick, so enabling one resumes probing.
 */
@Component
public class ProbeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

    private final ProfileRegistry profiles;
    private final HttpHealthProbe probe;
    private final ProbeMetrics metrics;
    private final Map<TrafficManagerEndpoint, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService ticker;

    public ProbeScheduler(ProfileRegistry profiles, HttpHealthProbe probe, ProbeMetrics metrics) {
        this.profiles = profiles;
        this.probe = probe;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "traffic-manager-probe-ticker");
            thread.setDaemon(true);
            return thread;
        });
        for (TrafficManagerProfile profile : profiles.all()) {
            if (!profile.isEnabled()) {
                continue; // Azure does not monitor the endpoints of a disabled profile
            }
            long intervalMillis = profile.probeInterval().toMillis();
            for (TrafficManagerEndpoint endpoint : profile.endpoints()) {
                ticker.scheduleAtFixedRate(() -> probeOnce(profile, endpoint), 0, intervalMillis,
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void probeOnce(TrafficManagerProfile profile, TrafficManagerEndpoint endpoint) {
        try {
            if (!endpoint.isMonitored()) {
                return;
            }
            AtomicBoolean busy = inFlight.computeIfAbsent(endpoint, e -> new AtomicBoolean());
            // The timeout is shorter than the interval, so this only skips a tick when the machine lags.
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            long generation = endpoint.probeGeneration();
            probe.probe(endpoint.probeUri(), profile.definition().monitorConfig(), profile.probeTimeout())
                    .whenComplete((result, error) -> {
                        busy.set(false);
                        if (result != null) {
                            metrics.record(profile, endpoint, result);
                            profile.recordProbe(endpoint, generation, result);
                        }
                    });
        }
        catch (RuntimeException ex) {
            // A throwing task would silently end its fixed-rate schedule: log and keep probing.
            log.warn("Probe of {}/{} could not be sent", profile.name(), endpoint.name(), ex);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = ticker;
        if (current != null) {
            current.shutdownNow();
        }
        ticker = null;
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
