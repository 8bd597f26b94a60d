package dev.powerpages.emulator.gateway.cdn;

import dev.powerpages.emulator.gateway.edge.EdgeRequestMetrics;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;

/**
 * What the server's request observation records for a request, recorded straight into its meters for a hit answered
 * ahead of the pipeline ({@link CdnFastHits}). Running the Observation API per hit (a context, the convention's key
 * values sorted at start and at stop, a long-task timer and a timer looked up by their tags in the registry) was a
 * sixth of a hit's CPU (issue 16, docs/benchmarks.md); here the meters are resolved once and held.
 *
 * <p>Resolved as the observation would: the same convention (Spring's {@code http.server.requests} unless a bean
 * replaces it) on a context of the request, the registry's predicates (an observation they switch off records
 * nothing, here either), the observation filters (Spring Boot's {@code management.observations.key-values}) for the
 * timer, and Micrometer's {@code DefaultMeterObservationHandler} naming: the timer tagged with the key values and
 * {@code error}, the long-task timer {@code <name>.active} with the key values at start (unless
 * {@code management.metrics.observations.ignored-meters} leaves it out). Spring's own convention tags a GET answered
 * here by its status alone (the method, no path pattern, the status, its outcome, no exception), so the timer is
 * resolved once per status and the long-task timer once; with another convention, or an error, both are resolved per
 * request; both are held for GETs only (the method is one of the tags: a HEAD, which {@link ProxiedFastPath} answers
 * too, resolves its own). The edge's visitor meters ({@link EdgeRequestMetrics}, an observation handler) get the same measurement.
 */
final class FastHitMeters {

    private static final ServerRequestObservationConvention DEFAULT_CONVENTION =
            new DefaultServerRequestObservationConvention();

    private final MeterRegistry registry;

    private final Clock clock;

    private final ObservationRegistry observations;

    private final ServerRequestObservationConvention convention;

    private final List<ObservationFilter> filters;

    private final boolean longTaskTimers;

    private final EdgeRequestMetrics edge;

    private final boolean byStatusAlone;

    private final AtomicReferenceArray<Timer> timerByStatus = new AtomicReferenceArray<>(600);

    private volatile Start start;

    /**
     * @param edge the edge's visitor meters, or null where there are none
     */
    FastHitMeters(
            MeterRegistry registry,
            ObservationRegistry observations,
            ServerRequestObservationConvention convention,
            List<ObservationFilter> filters,
            boolean longTaskTimers,
            EdgeRequestMetrics edge) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.observations = observations;
        this.convention = convention;
        this.filters = List.copyOf(filters);
        this.longTaskTimers = longTaskTimers;
        this.edge = edge;
        this.byStatusAlone = convention.getClass() == DefaultServerRequestObservationConvention.class;
    }

    /** Starts measuring an answer; null when the observation would be switched off (nothing is recorded). */
    Sample start(ServerHttpRequest request, ServerHttpResponse response) {
        // Held for a GET only: the convention tags the method too, and a proxied HEAD is answered here as well.
        boolean get = byStatusAlone && request.getMethod() == HttpMethod.GET;
        Start resolved = get ? start : null;
        if (resolved == null) {
            resolved = resolveStart(request, response);
            if (get) {
                start = resolved;
            }
        }
        if (!resolved.observed()) {
            return null;
        }
        return new Sample(
                clock.monotonicTime(),
                resolved.active() == null ? null : resolved.active().start());
    }

    /**
     * Ends the measurement once the answer was written, failed ({@code error}) or was abandoned by the client
     * ({@code aborted}).
     */
    void stop(Sample sample, ServerHttpRequest request, ServerHttpResponse response, Throwable error, boolean aborted) {
        if (sample == null) {
            return;
        }
        long duration = clock.monotonicTime() - sample.startNanos();
        HttpStatusCode status = response.getStatusCode();
        int code = status == null ? -1 : status.value();
        boolean held = byStatusAlone
                && request.getMethod() == HttpMethod.GET
                && error == null
                && !aborted
                && code >= 0
                && code < timerByStatus.length();
        Timer timer = held ? timerByStatus.get(code) : null;
        if (timer == null) {
            timer = resolveTimer(request, response, error, aborted);
            if (held) {
                timerByStatus.set(code, timer);
            }
        }
        timer.record(duration, TimeUnit.NANOSECONDS);
        if (sample.active() != null) {
            sample.active().stop();
        }
        if (edge != null) {
            edge.record(duration, aborted ? null : status);
        }
    }

    private Start resolveStart(ServerHttpRequest request, ServerHttpResponse response) {
        ServerRequestObservationContext context =
                new ServerRequestObservationContext(request, response, new HashMap<>());
        boolean observed = !ServerHttpObservationDocumentation.HTTP_REACTIVE_SERVER_REQUESTS
                .observation(convention, DEFAULT_CONVENTION, () -> context, observations)
                .isNoop();
        if (!observed || !longTaskTimers) {
            return new Start(observed, null);
        }
        // At start the observation has the convention's key values; its filters apply only when it stops.
        Observation.Context started = withKeyValues(context, false);
        return new Start(
                true,
                LongTaskTimer.builder(started.getName() + ".active")
                        .tags(tags(started))
                        .register(registry));
    }

    private Timer resolveTimer(
            ServerHttpRequest request, ServerHttpResponse response, Throwable error, boolean aborted) {
        ServerRequestObservationContext context =
                new ServerRequestObservationContext(request, response, new HashMap<>());
        context.setError(error);
        context.setConnectionAborted(aborted);
        Observation.Context stopped = withKeyValues(context, true);
        List<Tag> tags = tags(stopped);
        tags.add(Tag.of("error", error == null ? "none" : error.getClass().getSimpleName()));
        return registry.timer(stopped.getName(), tags);
    }

    private Observation.Context withKeyValues(ServerRequestObservationContext context, boolean filtered) {
        context.setName(convention.getName());
        context.addLowCardinalityKeyValues(convention.getLowCardinalityKeyValues(context));
        context.addHighCardinalityKeyValues(convention.getHighCardinalityKeyValues(context));
        Observation.Context mapped = context;
        if (filtered) {
            for (ObservationFilter filter : filters) {
                mapped = filter.map(mapped);
            }
        }
        return mapped;
    }

    private static List<Tag> tags(Observation.Context context) {
        List<Tag> tags = new ArrayList<>();
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
        }
        return tags;
    }

    /** Whether server requests are observed, and the long-task timer of those in progress (null when left out). */
    private record Start(boolean observed, LongTaskTimer active) {}

    /** One answer being measured. */
    record Sample(long startNanos, LongTaskTimer.Sample active) {}
}
