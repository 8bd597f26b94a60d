package dev.powerpages.emulator.regionfront.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The autoscaler's rule, as an App Service plan's autoscale setting has it (a metric, a threshold, a time window and a
 * cool-down, within the instance limits): out by one when the request rate stayed above {@code capacity × instances}
 * for the whole scale-out window; in by one when it stayed at or below {@code idleFraction × capacity × (instances − 1)}
 * for the whole scale-in window; no decision within the cool-down after the last one, none beyond min or max. It is
 * fed one measurement at a time and remembers since when each condition has held; a measurement that breaks a
 * condition starts its window over.
 */
final class ScaleRule {

    enum Direction {
        Out,
        In
    }

    record Decision(Instant time, Direction direction, int from, int to, String reason) {}

    private final double idleFraction;
    private Instant aboveSince;
    private Instant idleSince;
    private Instant lastDecision;

    ScaleRule(double idleFraction) {
        this.idleFraction = idleFraction;
    }

    /**
     * One measurement: the rate now and the instances the region has (in rotation and starting); {@code fewest} is
     * the floor the region may go down to (its min, and never below the instances it was given at start).
     */
    synchronized Optional<Decision> evaluate(
            Instant now, double rate, int instances, int fewest, ScaleSettings settings) {
        double capacity = settings.capacity() * instances;
        double idleBelow = idleFraction * settings.capacity() * Math.max(0, instances - 1);
        aboveSince = rate > capacity ? (aboveSince == null ? now : aboveSince) : null;
        idleSince = rate <= idleBelow ? (idleSince == null ? now : idleSince) : null;
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (lastDecision != null && now.isBefore(lastDecision.plus(settings.coolDown()))) {
            return Optional.empty();
        }
        int floor = Math.max(settings.min(), fewest);
        if (instances < settings.min()) {
            return decide(now, Direction.Out, instances, "below the minimum of " + settings.min() + " instances");
        }
        if (instances > settings.max() && instances > floor) {
            return decide(now, Direction.In, instances, "above the maximum of " + settings.max() + " instances");
        }
        if (held(aboveSince, now, settings.scaleOutWindow()) && instances < settings.max()) {
            return decide(
                    now,
                    Direction.Out,
                    instances,
                    String.format(
                            Locale.ROOT,
                            "%.1f requests/s above the capacity of %d instance(s) (%s requests/s each) for %ss",
                            rate,
                            instances,
                            number(settings.capacity()),
                            settings.scaleOutWindow().toSeconds()));
        }
        if (held(idleSince, now, settings.scaleInWindow()) && instances > floor) {
            return decide(
                    now,
                    Direction.In,
                    instances,
                    String.format(
                            Locale.ROOT,
                            "%.1f requests/s, idle for %ss (at most %.1f, which %d instance(s) take easily)",
                            rate,
                            settings.scaleInWindow().toSeconds(),
                            idleBelow,
                            instances - 1));
        }
        return Optional.empty();
    }

    /**
     * An instance is starting or draining: the region's size is changing, so neither window runs; each starts over
     * once the change is done (as App Service's autoscale waits for a scale operation to finish).
     */
    synchronized void changeUnderWay() {
        aboveSince = null;
        idleSince = null;
    }

    /** The last decision is undone (an instance that would not start): the cool-down still holds from it. */
    synchronized Optional<Instant> lastDecision() {
        return Optional.ofNullable(lastDecision);
    }

    private Optional<Decision> decide(Instant now, Direction direction, int from, String reason) {
        lastDecision = now;
        aboveSince = null;
        idleSince = null;
        int to = direction == Direction.Out ? from + 1 : from - 1;
        return Optional.of(new Decision(now, direction, from, to, reason));
    }

    private static boolean held(Instant since, Instant now, Duration window) {
        return since != null && !now.isBefore(since.plus(window));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
