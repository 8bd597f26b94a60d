package dev.powerpages.emulator.gateway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramGauges;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The edge's visitor traffic as meters a reader takes one by one from {@code /actuator/metrics/{name}} (the
 * dashboard does): what Front Door's metrics report for an endpoint, its Total Latency and its Request Count by
 * HttpStatusGroup. Requests for the edge's own paths ({@code /_edge/**}, {@code /actuator/**}: health checks, admin
 * calls, the dashboard's own reads) are left out.
 * <ul>
 *   <li>{@code gateway.edge.requests}: an untagged timer of every visitor request, from its arrival until its
 *       response is sent (error answers included), with its 0.95 percentile published as the gauge
 *       {@code gateway.edge.requests.percentile{phi=0.95}} over a short window ({@link EdgeMetricsProperties}).
 *       Untagged on purpose: the metrics endpoint adds a gauge up over every tag set a query matches, so a
 *       percentile per URI or status could not be read back as one figure.</li>
 *   <li>{@code gateway.edge.responses{http_status_group=2xx|3xx|4xx|5xx}}: the same requests counted by the class of
 *       their status, for an error rate ({@code ?tag=http_status_group:5xx}).</li>
 * </ul>
 * Fed by the server's request observation (the one behind {@code http.server.requests}), which ends after the
 * error handler has written its answer, so a 502 of the edge counts as the 502 the visitor got; a CDN hit answered
 * ahead of the observed pipeline ({@code CdnFastHits}) is recorded through {@link #record} instead.
 */
public class EdgeRequestMetrics implements ObservationHandler<ServerRequestObservationContext> {

    /** The 95th percentile, the one the dashboard draws. */
    static final double PERCENTILE = 0.95;

    private static final String SAMPLE = EdgeRequestMetrics.class.getName() + ".sample";

    private final MeterRegistry registry;
    private final Timer requests;
    private final Map<String, Counter> responses = new ConcurrentHashMap<>();

    /** The usual classes' counters by the status' first digit, so that counting one looks nothing up. */
    private final Counter[] byClass = new Counter[6];

    public EdgeRequestMetrics(MeterRegistry registry, EdgeMetricsProperties properties) {
        this.registry = registry;
        this.requests = Timer.builder("gateway.edge.requests")
                .description("Visitor requests through the edge, from arrival to the response sent")
                .publishPercentiles(PERCENTILE)
                .distributionStatisticExpiry(properties.percentileExpiry())
                .distributionStatisticBufferLength(properties.percentileBufferLength())
                .register(registry);
        // Micrometer's own percentile gauges (name.percentile, tag phi): registries such as Prometheus' keep
        // percentiles inside the timer, where /actuator/metrics cannot read them
        HistogramGauges.registerWithCommonFormat(requests, registry);
        // the usual classes from the start, so that a reader finds a 0 rather than no meter before the first one
        for (String group : List.of("2xx", "3xx", "4xx", "5xx")) {
            byClass[group.charAt(0) - '0'] = responses.computeIfAbsent(group, this::counter);
        }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        if (!EdgeOwnResponsesFilter.ownPath(context.getCarrier().getPath().pathWithinApplication())) {
            context.put(SAMPLE, Timer.start(registry));
        }
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        Timer.Sample sample = context.get(SAMPLE);
        if (sample == null) {
            return;
        }
        sample.stop(requests);
        ServerHttpResponse response = context.getResponse();
        HttpStatusCode status = response == null ? null : response.getStatusCode();
        if (status != null && !context.isConnectionAborted()) {
            count(status.value());
        }
    }

    /**
     * A visitor request measured by its caller rather than by the server's request observation: {@code duration}
     * from its arrival until its response was sent, {@code status} the one sent, or null when the connection was
     * aborted before a response (timed, not counted by class, as {@link #onStop} does).
     */
    public void record(long durationNanos, HttpStatusCode status) {
        requests.record(durationNanos, TimeUnit.NANOSECONDS);
        if (status != null) {
            count(status.value());
        }
    }

    private void count(int status) {
        int statusClass = status / 100;
        Counter usual = statusClass >= 0 && statusClass < byClass.length ? byClass[statusClass] : null;
        (usual != null ? usual : responses.computeIfAbsent(statusClass + "xx", this::counter)).increment();
    }

    private Counter counter(String statusGroup) {
        return Counter.builder("gateway.edge.responses")
                .description("Visitor requests through the edge by the class of their status")
                .tag("http_status_group", statusGroup)
                .register(registry);
    }
}
