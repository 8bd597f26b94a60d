package dev.powerpages.emulator.regionfront.scale;

import java.time.Duration;

/**
 * The part of the scale settings that can change at run time ({@code PATCH /_services/scale}), checked as a whole so
 * that the autoscaler never sees a contradiction (a min above the max, a capacity of 0).
 */
public record ScaleSettings(
        boolean enabled,
        double capacity,
        int min,
        int max,
        Duration scaleOutWindow,
        Duration scaleInWindow,
        Duration coolDown) {

    /** The most instances a region may have: one machine runs them all. */
    public static final int MOST_INSTANCES = 9;

    public ScaleSettings {
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new InvalidScaleSetting("capacity must be a number of requests per second above 0");
        }
        if (min < 1 || max > MOST_INSTANCES || min > max) {
            throw new InvalidScaleSetting("min and max must satisfy 1 <= min <= max <= " + MOST_INSTANCES + " (min "
                    + min + ", max " + max + ")");
        }
        positive("scaleOutWindow", scaleOutWindow);
        positive("scaleInWindow", scaleInWindow);
        if (coolDown == null || coolDown.isNegative()) {
            throw new InvalidScaleSetting("coolDown must be a duration of 0 or more (ISO 8601, e.g. PT30S)");
        }
    }

    static ScaleSettings of(ScaleProperties properties) {
        return new ScaleSettings(
                properties.enabled(),
                properties.capacity(),
                properties.min(),
                properties.max(),
                properties.scaleOutWindow(),
                properties.scaleInWindow(),
                properties.coolDown());
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidScaleSetting(name + " must be a duration above 0 (ISO 8601, e.g. PT30S)");
        }
    }

    /** A setting refused: the admin API answers 400 with the message. */
    public static final class InvalidScaleSetting extends RuntimeException {
        public InvalidScaleSetting(String message) {
            super(message);
        }
    }
}
