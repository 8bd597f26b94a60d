package dev.powerpages.emulator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyPercentileTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Map<Double, Double> buckets(double fast, double medium, double slow, double beyond) {
        // cumulative, as Prometheus exposes them: each bucket counts every request up to its bound
        Map<Double, Double> cumulative = new TreeMap<>();
        cumulative.put(0.05, fast);
        cumulative.put(0.1, fast + medium);
        cumulative.put(0.25, fast + medium + slow);
        cumulative.put(INF, fast + medium + slow + beyond);
        return cumulative;
    }

    @Test
    void theP95IsInterpolatedInsideTheBucketWhereTheNinetyFifthRequestEnded() {
        LatencyPercentile p95 = new LatencyPercentile(5 * SECOND, 0.95);

        assertThat(p95.record(0, buckets(0, 0, 0, 0)))
                .as("one reading is no window yet")
                .isNull();
        // 80 fast, 10 medium, 10 slow: rank 95 is halfway through the 100-250 ms bucket
        assertThat(p95.record(SECOND, buckets(80, 10, 10, 0))).isCloseTo(175.0, within(0.001));
    }

    @Test
    void onlyRequestsInsideTheWindowCount() {
        LatencyPercentile p95 = new LatencyPercentile(5 * SECOND, 0.95);
        p95.record(0, buckets(0, 0, 0, 0));
        p95.record(SECOND, buckets(0, 0, 1000, 0)); // a slow minute, long ago
        p95.record(10 * SECOND, buckets(0, 0, 1000, 0));

        // since then only fast requests: the slow ones have left the window
        assertThat(p95.record(12 * SECOND, buckets(100, 0, 1000, 0))).isLessThanOrEqualTo(50.0);
    }

    @Test
    void noRequestsInTheWindowIsNoFigureAndARestartedServiceStartsAfresh() {
        LatencyPercentile p95 = new LatencyPercentile(5 * SECOND, 0.95);
        p95.record(0, buckets(10, 0, 0, 0));
        assertThat(p95.record(SECOND, buckets(10, 0, 0, 0))).isNull();

        assertThat(p95.record(2 * SECOND, buckets(1, 0, 0, 0)))
                .as("counters went down")
                .isNull();
        assertThat(p95.record(3 * SECOND, buckets(1, 0, 0, 5)))
                .as("beyond the last bound: that bound")
                .isEqualTo(250.0);
    }
}
