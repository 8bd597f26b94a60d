package dev.powerpages.emulator.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests per second per region from a monotonically increasing counter read once per poll: the
 * increase over a sliding window of a few seconds, so one-second polls do not make the figure jump.
 * A counter that goes down (the gateway restarted) starts the window afresh.
 */
final class RequestRates {

    private record Sample(long nanos, double value) {}

    private final long windowNanos;
    private final Map<String, Deque<Sample>> samples = new LinkedHashMap<>();

    RequestRates(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records the counters read at {@code nanos} and answers the rate of every region seen so far. */
    synchronized Map<String, Double> record(long nanos, Map<String, Double> counters) {
        counters.forEach((region, value) -> {
            Deque<Sample> window = samples.computeIfAbsent(region, r -> new ArrayDeque<>());
            if (!window.isEmpty() && value < window.peekLast().value()) {
                window.clear();
            }
            window.addLast(new Sample(nanos, value));
            while (window.size() > 2 && nanos - window.peekFirst().nanos() > windowNanos) {
                window.removeFirst();
            }
        });
        Map<String, Double> rates = new LinkedHashMap<>();
        samples.forEach((region, window) -> {
            Sample first = window.peekFirst();
            Sample last = window.peekLast();
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            rates.put(region, seconds <= 0 ? 0.0 : (last.value() - first.value()) / seconds);
        });
        return rates;
    }
}
