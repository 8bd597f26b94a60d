package dev.powerpages.emulator.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A latency percentile over the last seconds from a cumulative histogram read once per poll (Micrometer's
 * {@code http_server_requests_seconds_bucket{le=...}}, summed over every series): the increase of each bucket over
 * a sliding window, then the bucket the wanted rank falls in, interpolated linearly inside it, as Prometheus'
 * {@code histogram_quantile} does. Written here because the figure is one small computation on data read anyway;
 * Actuator's {@code /actuator/metrics} JSON gives no buckets, and it sums percentile gauges across tag sets,
 * which would add the p95 of every URI together.
 */
final class LatencyPercentile {

    private record Sample(long nanos, NavigableMap<Double, Double> buckets) {}

    private final long windowNanos;
    private final double quantile;
    private final Deque<Sample> window = new ArrayDeque<>();

    LatencyPercentile(long windowNanos, double quantile) {
        this.windowNanos = windowNanos;
        this.quantile = quantile;
    }

    /**
     * Records the cumulative buckets read at {@code nanos} (upper bound in seconds, {@code +Inf} included, to count)
     * and answers the percentile in milliseconds over the window, or null when no request ended in it.
     */
    synchronized Double record(long nanos, Map<Double, Double> cumulative) {
        NavigableMap<Double, Double> buckets = new TreeMap<>(cumulative);
        if (!window.isEmpty() && total(buckets) < total(window.peekLast().buckets())) {
            window.clear(); // the service restarted: its counters began again
        }
        window.addLast(new Sample(nanos, buckets));
        while (window.size() > 2 && nanos - window.peekFirst().nanos() > windowNanos) {
            window.removeFirst();
        }
        if (window.size() < 2) {
            return null;
        }
        NavigableMap<Double, Double> first = window.peekFirst().buckets();
        NavigableMap<Double, Double> delta = new TreeMap<>();
        buckets.forEach((le, count) -> delta.put(le, count - first.getOrDefault(le, 0.0)));
        return quantileMillis(delta, quantile);
    }

    /** {@code histogram_quantile} over cumulative bucket counts; null when they count nothing. */
    static Double quantileMillis(NavigableMap<Double, Double> cumulative, double quantile) {
        double count = total(cumulative);
        if (count <= 0) {
            return null;
        }
        double rank = quantile * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upper = bucket.getKey();
            double upTo = bucket.getValue();
            if (upTo >= rank) {
                if (Double.isInfinite(upper)) {
                    return lowerBound * 1000; // beyond the highest finite bucket: its bound, as Prometheus answers
                }
                double inBucket = upTo - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return (lowerBound + (upper - lowerBound) * fraction) * 1000;
            }
            lowerBound = upper;
            lowerCount = upTo;
        }
        return lowerBound * 1000;
    }

    private static double total(NavigableMap<Double, Double> cumulative) {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }
}
