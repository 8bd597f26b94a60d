package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.edge.EdgeMetricsProperties;
import dev.powerpages.emulator.gateway.edge.EdgeRequestMetrics;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

/**
 * A hit recorded by FastHitMeters lands in the very meters the server's request observation feeds for the same
 * answer: the http.server.requests timer of its series, the long-task timer of requests in progress, and the edge's
 * visitor meters.
 */
class FastHitMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final ObservationRegistry observations = ObservationRegistry.create();

    private final EdgeRequestMetrics edge =
            new EdgeRequestMetrics(registry, new EdgeMetricsProperties(Duration.ofSeconds(10), 5));

    FastHitMetersTest() {
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        observations.observationConfig().observationHandler(edge);
    }

    private FastHitMeters meters(List<ObservationFilter> filters) {
        return new FastHitMeters(
                registry, observations, new DefaultServerRequestObservationConvention(), filters, true, edge);
    }

    @Test
    void aHitIsTimedInTheSeriesTheServerObservationUsesForTheSameAnswer() {
        FastHitMeters meters = meters(List.of());

        for (HttpStatus status : List.of(HttpStatus.OK, HttpStatus.NOT_MODIFIED, HttpStatus.NOT_FOUND)) {
            observeThroughThePipeline(status);
            recordAsAFastHit(meters, status);
            recordAsAFastHit(meters, status);
        }

        List<Timer> timers = List.copyOf(registry.find("http.server.requests").timers());
        assertThat(timers)
                .hasSize(3)
                .allSatisfy(timer -> assertThat(timer.count()).isEqualTo(3));
        assertThat(registry.find("http.server.requests")
                        .tag("status", "304")
                        .tag("uri", "REDIRECTION")
                        .tag("error", "none")
                        .timer())
                .isNotNull();
        assertThat(registry.find("http.server.requests.active").longTaskTimers())
                .singleElement()
                .satisfies(active -> assertThat(active.activeTasks()).isZero());
    }

    @Test
    void aHitCountsInTheEdgesVisitorMetersByItsStatusClass() {
        FastHitMeters meters = meters(List.of());

        recordAsAFastHit(meters, HttpStatus.OK);
        recordAsAFastHit(meters, HttpStatus.NOT_MODIFIED);
        recordAsAFastHit(meters, HttpStatus.NOT_FOUND);

        assertThat(registry.get("gateway.edge.requests").timer().count()).isEqualTo(3);
        assertThat(edgeResponses("2xx")).isEqualTo(1);
        assertThat(edgeResponses("3xx")).isEqualTo(1);
        assertThat(edgeResponses("4xx")).isEqualTo(1);
    }

    @Test
    void theObservationFiltersKeyValuesTagTheHitAsTheyTagTheObservation() {
        ObservationFilter region = context -> context.addLowCardinalityKeyValue(KeyValue.of("region", "edge-1"));
        observations.observationConfig().observationFilter(region);
        FastHitMeters meters = meters(List.of(region));

        observeThroughThePipeline(HttpStatus.OK);
        recordAsAFastHit(meters, HttpStatus.OK);

        assertThat(registry.find("http.server.requests").timers())
                .singleElement()
                .satisfies(timer -> {
                    assertThat(timer.getId().getTag("region")).isEqualTo("edge-1");
                    assertThat(timer.count()).isEqualTo(2);
                });
    }

    @Test
    void nothingIsRecordedWhenServerRequestsAreNotObserved() {
        observations.observationConfig().observationPredicate((name, context) -> !name.equals("http.server.requests"));
        FastHitMeters meters = meters(List.of());

        recordAsAFastHit(meters, HttpStatus.OK);

        assertThat(registry.find("http.server.requests").meters()).isEmpty();
        assertThat(registry.get("gateway.edge.requests").timer().count()).isZero();
    }

    @Test
    void aHitTheClientAbandonedIsTimedButNotCountedByStatusClass() {
        FastHitMeters meters = meters(List.of());

        MockServerHttpRequest request =
                MockServerHttpRequest.get("/css/site.css").build();
        MockServerHttpResponse response = new MockServerHttpResponse();
        FastHitMeters.Sample sample = meters.start(request, response);
        meters.stop(sample, request, response, null, true);

        assertThat(registry.get("gateway.edge.requests").timer().count()).isEqualTo(1);
        assertThat(Set.of("2xx", "3xx", "4xx", "5xx").stream()
                        .map(this::edgeResponses)
                        .collect(Collectors.toSet()))
                .containsExactly(0.0);
        assertThat(registry.find("http.server.requests")
                        .tag("status", "UNKNOWN")
                        .timer())
                .extracting(Timer::count)
                .isEqualTo(1L);
    }

    private void observeThroughThePipeline(HttpStatus status) {
        MockServerHttpRequest request =
                MockServerHttpRequest.get("/css/site.css").build();
        MockServerHttpResponse response = new MockServerHttpResponse();
        ServerRequestObservationContext context =
                new ServerRequestObservationContext(request, response, new HashMap<>());
        // as Spring's HttpWebHandlerAdapter observes every request (no custom convention)
        Observation observation = ServerHttpObservationDocumentation.HTTP_REACTIVE_SERVER_REQUESTS
                .observation(null, new DefaultServerRequestObservationConvention(), () -> context, observations)
                .start();
        response.setStatusCode(status);
        response.setComplete().block();
        observation.stop();
    }

    private static void recordAsAFastHit(FastHitMeters meters, HttpStatus status) {
        MockServerHttpRequest request =
                MockServerHttpRequest.get("/css/site.css").build();
        MockServerHttpResponse response = new MockServerHttpResponse();
        FastHitMeters.Sample sample = meters.start(request, response);
        response.setStatusCode(status);
        response.setComplete().block();
        meters.stop(sample, request, response, null, false);
    }

    private double edgeResponses(String statusGroup) {
        return registry.get("gateway.edge.responses")
                .tag("http_status_group", statusGroup)
                .counter()
                .count();
    }
}
