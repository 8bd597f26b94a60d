package dev.powerpages.emulator.regionfront.scale;

import dev.powerpages.emulator.regionfront.instances.InFlightRequests;
import dev.powerpages.emulator.regionfront.instances.RegionInstances;
import dev.powerpages.emulator.regionfront.scale.InstanceLauncher.LaunchedInstance;
import dev.powerpages.emulator.regionfront.scale.ScaleRule.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpStatusCode;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The region's scale controller, as App Service's autoscale is a plan's: every {@code front.scale.evaluate-every} it
 * reads the region's request rate (the front's own traffic), asks the {@link ScaleRule} and carries out its decision.
 * Out: an instance is started, waited for until its {@code /_services/health} answers 200, then put into the load
 * balancer's pool. In: the newest instance the front started is taken out of rotation, drained (its in-flight
 * requests finish) and stopped. Each decision is logged (INFO, one line) and reported to the traffic manager.
 */
@Component
public class Autoscaler {

    private static final Logger log = LoggerFactory.getLogger(Autoscaler.class);
    private static final int DECISIONS_KEPT = 20;

    private final RegionInstances pool;
    private final InFlightRequests inFlight;
    private final InstanceLauncher launcher;
    private final ScaleEventReporter reporter;
    private final RequestRate rate;
    private final ScaleProperties properties;
    private final Clock clock;
    private final ScaleRule rule;
    private final AtomicReference<ScaleSettings> settings;
    private final Map<String, LaunchedInstance> launched = new LinkedHashMap<>();
    private final Map<String, String> starting = new LinkedHashMap<>();
    private final Map<String, String> draining = new LinkedHashMap<>();
    private final Deque<Decision> decisions = new ArrayDeque<>();
    private final WebClient client = WebClient.create();
    private int lastNumber;

    Autoscaler(
            RegionInstances pool,
            InFlightRequests inFlight,
            InstanceLauncher launcher,
            ScaleEventReporter reporter,
            RequestRate rate,
            ScaleProperties properties,
            Clock clock) {
        this.pool = pool;
        this.inFlight = inFlight;
        this.launcher = launcher;
        this.reporter = reporter;
        this.rate = rate;
        this.properties = properties;
        this.clock = clock;
        this.rule = new ScaleRule(properties.idleFraction());
        this.settings = new AtomicReference<>(ScaleSettings.of(properties));
        this.lastNumber = pool.given();
    }

    public ScaleSettings settings() {
        return settings.get();
    }

    public void change(ScaleSettings changed) {
        settings.set(changed);
        log.info(
                "Scale settings of {}: autoscale {}, capacity {} requests/s per instance, {}..{} instances",
                pool.region(),
                changed.enabled() ? "on" : "off",
                changed.capacity(),
                changed.min(),
                changed.max());
    }

    public double requestsPerSecond() {
        return rate.perSecond(properties.ratePeriod());
    }

    @Scheduled(fixedDelayString = "${front.scale.evaluate-every}")
    public void evaluate() {
        ScaleSettings now = settings.get();
        double measured = requestsPerSecond();
        int instances;
        synchronized (this) {
            if (!starting.isEmpty() || !draining.isEmpty()) {
                rule.changeUnderWay();
                return;
            }
            instances = pool.all().size();
        }
        rule.evaluate(clock.instant(), measured, instances, pool.given(), now).ifPresent(this::carryOut);
    }

    private void carryOut(Decision decision) {
        if (decision.direction() == ScaleRule.Direction.Out) {
            String unavailable = launcher.unavailableBecause();
            if (unavailable != null) {
                log.warn("Scale out {} wanted ({}), but {}", pool.region(), decision.reason(), unavailable);
                return;
            }
            int number = nextNumber();
            synchronized (this) {
                // Counted at once, so that the next measurement sees the instance the region is getting.
                starting.put(pool.region() + "-" + number, "");
            }
            remember(decision);
            Mono.fromRunnable(() -> scaleOut(number))
                    .subscribeOn(Schedulers.boundedElastic())
                    .subscribe();
        } else {
            Optional<ServiceInstance> removable = newestStartedByFront();
            if (removable.isEmpty()) {
                return;
            }
            remember(decision);
            ServiceInstance instance = removable.get();
            pool.remove(instance.getInstanceId());
            synchronized (this) {
                draining.put(instance.getInstanceId(), instance.getUri().toString());
            }
            Mono.fromRunnable(() -> drainAndStop(instance))
                    .subscribeOn(Schedulers.boundedElastic())
                    .subscribe();
        }
    }

    private void remember(Decision decision) {
        synchronized (this) {
            decisions.addFirst(decision);
            while (decisions.size() > DECISIONS_KEPT) {
                decisions.removeLast();
            }
        }
        log.info(
                "Scale {} {}: {} -> {} instances ({})",
                decision.direction().name().toLowerCase(),
                pool.region(),
                decision.from(),
                decision.to(),
                decision.reason());
        reporter.report(decision);
    }

    private void scaleOut(int number) {
        String name = pool.region() + "-" + number;
        LaunchedInstance instance;
        try {
            instance = launcher.start(pool.region(), number);
        } catch (Exception e) {
            log.warn("Could not start instance {}: {}", name, e.getMessage());
            synchronized (this) {
                starting.remove(name);
            }
            return;
        }
        synchronized (this) {
            starting.put(name, instance.url().toString());
            launched.put(name, instance);
        }
        boolean healthy = awaitHealthy(instance, properties.launch().startTimeout());
        synchronized (this) {
            starting.remove(name);
            if (healthy) {
                pool.add(number, instance.url());
            } else {
                launched.remove(name);
            }
        }
        if (healthy) {
            log.info("Instance {} ({}, {}) is healthy and in rotation", name, instance.url(), instance.describe());
        } else {
            log.warn(
                    "Instance {} did not become healthy within {}: stopped",
                    name,
                    properties.launch().startTimeout());
            instance.stop();
        }
    }

    private boolean awaitHealthy(LaunchedInstance instance, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (clock.instant().isBefore(deadline)) {
            Integer status = client.get()
                    .uri(instance.url() + "/_services/health")
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                    .map(HttpStatusCode::value)
                    .timeout(Duration.ofSeconds(2))
                    .onErrorResume(e -> Mono.just(0))
                    .block();
            if (status != null && status == 200) {
                return true;
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    /**
     * Out of rotation already; the load balancer's health-checked list may name it for one more check interval, so
     * the instance is given at least that long, then until its in-flight requests are done (or the drain timeout).
     */
    private void drainAndStop(ServiceInstance instance) {
        String id = instance.getInstanceId();
        Instant grace = clock.instant().plus(Duration.ofSeconds(2));
        Instant deadline = clock.instant().plus(properties.drainTimeout());
        while (clock.instant().isBefore(deadline) && (clock.instant().isBefore(grace) || inFlight.of(id) > 0)) {
            sleep(Duration.ofMillis(100));
        }
        LaunchedInstance process;
        synchronized (this) {
            process = launched.remove(id);
        }
        if (process != null) {
            process.stop();
        }
        synchronized (this) {
            draining.remove(id);
        }
        log.info("Instance {} drained ({} request(s) still in flight) and stopped", id, inFlight.of(id));
    }

    private synchronized int nextNumber() {
        int highest = lastNumber;
        for (ServiceInstance instance : pool.all()) {
            String id = instance.getInstanceId();
            highest = Math.max(highest, Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
        }
        lastNumber = highest + 1;
        return lastNumber;
    }

    private synchronized Optional<ServiceInstance> newestStartedByFront() {
        List<ServiceInstance> candidates = new ArrayList<>(pool.all().stream()
                .filter(RegionInstances::startedByFront)
                .filter(i -> launched.containsKey(i.getInstanceId()))
                .toList());
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(candidates.size() - 1));
    }

    /** What {@code GET /_services/scale} shows: the pool, the instances starting and draining, recent decisions. */
    public synchronized ScaleState state() {
        ScaleSettings now = settings.get();
        List<ScaleState.Instance> rows = new ArrayList<>();
        for (ServiceInstance instance : pool.all()) {
            LaunchedInstance process = launched.get(instance.getInstanceId());
            rows.add(new ScaleState.Instance(
                    instance.getInstanceId(),
                    instance.getUri().toString(),
                    "InRotation",
                    RegionInstances.startedByFront(instance) ? "front" : "stack",
                    process == null ? null : process.describe(),
                    inFlight.of(instance.getInstanceId())));
        }
        starting.forEach((name, url) ->
                rows.add(new ScaleState.Instance(name, url, "Starting", "front", describe(name), inFlight.of(name))));
        draining.forEach((name, url) ->
                rows.add(new ScaleState.Instance(name, url, "Draining", "front", describe(name), inFlight.of(name))));
        List<ScaleState.Decision> recent = decisions.stream()
                .map(d -> new ScaleState.Decision(
                        d.time().toString(), d.direction().name(), d.from(), d.to(), d.reason()))
                .toList();
        return new ScaleState(
                pool.region(),
                now.enabled(),
                now.capacity(),
                now.min(),
                now.max(),
                now.scaleOutWindow().toString(),
                now.scaleInWindow().toString(),
                now.coolDown().toString(),
                Math.round(requestsPerSecond() * 10) / 10.0,
                pool.all().size() + starting.size(),
                rows,
                recent,
                launcher.unavailableBecause());
    }

    private String describe(String name) {
        LaunchedInstance process = launched.get(name);
        return process == null ? null : process.describe();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
