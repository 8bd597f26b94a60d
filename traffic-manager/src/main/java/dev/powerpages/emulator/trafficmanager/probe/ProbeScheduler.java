package dev.powerpages.emulator.trafficmanager.probe;

import dev.powerpages.emulator.trafficmanager.profile.MonitorProtocol;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Azure's probing agents: each of {@code traffic-manager.probe-agents} agents sends a health probe to every
 * endpoint of every enabled profile once per probing interval, independently of the others. The agents
 * start at offsets spread over the interval, each with a random jitter, so that their probes do not land
 * together (as probes from different Azure locations do not). Probes run asynchronously, so a slow endpoint
 * cannot delay another's probe.
 * <p>
 * A short tick finds the probes that are due, rather than one timer per endpoint, because profiles and
 * endpoints come and go through the API: each tick works from the registry's current profiles. Endpoints
 * that are not monitored (Disabled, Inactive, Unmonitored) are skipped, so enabling one resumes probing.
 * <p>
 * Until an agent's first probe of an endpoint succeeds (the endpoint starts in CheckingEndpoint when monitoring
 * starts or restarts), the agent also looks again every {@link #FIRST_ANSWER_RETRY_MILLIS} between its interval's
 * probes: when the whole stack starts at once, the app nodes answer some seconds after the traffic manager's
 * first round, and would otherwise wait up to a full interval for their first verdict. Those extra probes only
 * bring a success forward; a failed one is dropped, so failures count on the interval's probes exactly as before
 * (Degraded after the same number of intervals as Azure's rule gives); an interval's probe that comes due while such
 * a look is out is that look, whose failure then counts. After its first answer an agent probes on the interval alone.
 */
@Component
public class ProbeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

    /** How often due probes are looked for: the precision of the probe timeline. */
    static final long TICK_MILLIS = 25;

    /** How often an agent looks again, between its interval's probes, until its first probe succeeds. */
    static final long FIRST_ANSWER_RETRY_MILLIS = 1000;

    /** One agent's probing of one endpoint. Endpoints compare by identity: a replaced endpoint is a new slot. */
    private record Slot(TrafficManagerEndpoint endpoint, int agent) {}

    private static final class Schedule {
        long nextDueNanos;
        long nextEarlyNanos;
        /** The monitoring period in which this agent's probe last succeeded (-1: none yet). */
        volatile long answeredGeneration = -1;

        final AtomicBoolean inFlight = new AtomicBoolean();

        /** An interval's probe came due while an early look was still out: that look's result stands for it. */
        final AtomicBoolean intervalDue = new AtomicBoolean();

        Schedule(long nextDueNanos) {
            this.nextDueNanos = nextDueNanos;
            this.nextEarlyNanos = nextDueNanos;
        }
    }

    private final ProfileRegistry profiles;
    private final HttpHealthProbe http;
    private final TcpHealthProbe tcp;
    private final ProbeMetrics metrics;
    private final Map<Slot, Schedule> schedules = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService ticker;

    public ProbeScheduler(ProfileRegistry profiles, HttpHealthProbe http, TcpHealthProbe tcp, ProbeMetrics metrics) {
        this.profiles = profiles;
        this.http = http;
        this.tcp = tcp;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "traffic-manager-probe-ticker");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            Set<Slot> current = new HashSet<>();
            for (TrafficManagerProfile profile : profiles.all()) {
                if (!profile.isEnabled()) {
                    continue; // Azure does not monitor the endpoints of a disabled profile
                }
                long interval = profile.probeInterval().toNanos();
                for (TrafficManagerEndpoint endpoint : profile.endpoints()) {
                    int agents = endpoint.probeAgents();
                    for (int agent = 0; agent < agents; agent++) {
                        Slot slot = new Slot(endpoint, agent);
                        current.add(slot);
                        Schedule schedule = schedules.computeIfAbsent(
                                slot, s -> new Schedule(now + firstOffset(s.agent(), agents, interval)));
                        if (now - schedule.nextDueNanos >= 0) {
                            // Fixed rate; after a stall (a suspended laptop) start again from now.
                            long next = schedule.nextDueNanos + interval;
                            schedule.nextDueNanos = next - now > 0 ? next : now + interval;
                            schedule.nextEarlyNanos = now + EARLY_NANOS;
                            probeOnce(profile, endpoint, agent, schedule, false);
                        } else if (now - schedule.nextEarlyNanos >= 0
                                && interval > EARLY_NANOS
                                && schedule.answeredGeneration != endpoint.probeGeneration()) {
                            schedule.nextEarlyNanos = now + EARLY_NANOS;
                            probeOnce(profile, endpoint, agent, schedule, true);
                        }
                    }
                }
            }
            schedules.keySet().retainAll(current);
        } catch (RuntimeException ex) {
            // A throwing task would silently end its schedule: log and keep probing.
            log.warn("Probe tick failed", ex);
        }
    }

    /** Agent i starts i/n of the way into the interval, plus up to a quarter of its share as jitter. */
    private static long firstOffset(int agent, int agents, long interval) {
        long share = interval / agents;
        return agent * share + ThreadLocalRandom.current().nextLong(Math.max(1, share / 4));
    }

    private static final long EARLY_NANOS = TimeUnit.MILLISECONDS.toNanos(FIRST_ANSWER_RETRY_MILLIS);

    /** @param early a look between the interval's probes (before the agent's first answer): only a success counts */
    private void probeOnce(
            TrafficManagerProfile profile,
            TrafficManagerEndpoint endpoint,
            int agent,
            Schedule schedule,
            boolean early) {
        if (!endpoint.isMonitored()) {
            return;
        }
        // Azure's timeout is shorter than the interval, so an interval's probe finds the previous one still out only
        // when the machine lags, when emulator.fastProbing sets a timeout equal to the interval and the endpoint
        // hangs, or when an early look (below) is out.
        if (!schedule.inFlight.compareAndSet(false, true)) {
            if (!early) {
                // The agent's early look is still out (an endpoint it has not had an answer from yet: one that went
                // down before each agent's first answer, as a container killed right after its region went Online).
                // That look stands for the interval's probe, so its failure counts: were the interval's probe just
                // skipped, looks that keep overlapping it would leave no failure on record, and the endpoint Online.
                schedule.intervalDue.set(true);
            }
            return;
        }
        long generation = endpoint.probeGeneration();
        send(profile, endpoint).whenComplete((result, error) -> {
            // `|`, not `||`: the flag is cleared after every probe, an interval's own included.
            boolean counts = !early | schedule.intervalDue.getAndSet(false);
            schedule.inFlight.set(false);
            if (result != null && result.success()) {
                schedule.answeredGeneration = generation;
            }
            if (result != null && (counts || result.success())) {
                metrics.record(profile, endpoint, agent, result);
                profile.recordProbe(endpoint, generation, agent, result);
            }
        });
    }

    private CompletableFuture<ProbeResult> send(TrafficManagerProfile profile, TrafficManagerEndpoint endpoint) {
        if (profile.definition().monitorConfig().protocol() == MonitorProtocol.TCP) {
            return tcp.probe(endpoint.targetHost(), endpoint.probePort(), profile.probeTimeout());
        }
        return http.probe(endpoint.probeUri(), profile.definition().monitorConfig(), profile.probeTimeout());
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
