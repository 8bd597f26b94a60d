package dev.powerpages.emulator.regionfront.scale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The region's request rate as the front sees it: requests counted in one-second buckets, the rate being the average
 * over the last whole seconds (the current, incomplete second is left out so that the rate does not dip each time a
 * second begins). Written here rather than with Micrometer: a meter's rate is per scrape, the autoscaler needs a
 * sliding window it can read every second, on the front's own clock (and a test's).
 */
public final class RequestRate {

    private static final int SECONDS_KEPT = 120;

    private final Clock clock;
    private final long[] seconds = new long[SECONDS_KEPT];
    private final long[] counts = new long[SECONDS_KEPT];

    public RequestRate(Clock clock) {
        this.clock = clock;
    }

    public synchronized void record() {
        long second = clock.instant().getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) SECONDS_KEPT);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Requests per second over the {@code period} (whole seconds, at most two minutes) before the current second. */
    public synchronized double perSecond(Duration period) {
        int span = (int) Math.max(1, Math.min(SECONDS_KEPT - 1, period.toSeconds()));
        long now = clock.instant().getEpochSecond();
        long total = 0;
        for (long second = now - span; second < now; second++) {
            int slot = (int) Math.floorMod(second, (long) SECONDS_KEPT);
            if (seconds[slot] == second) {
                total += counts[slot];
            }
        }
        return (double) total / span;
    }

    Instant now() {
        return clock.instant();
    }
}
