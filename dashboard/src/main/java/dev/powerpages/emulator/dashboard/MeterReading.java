package dev.powerpages.emulator.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What one read of {@code /actuator/metrics/{name}} brought back: the answer, and the meter in Actuator's documented
 * shape ({@code name}, {@code baseUnit}, {@code measurements} as statistic and value, {@code availableTags}) when there
 * was one. Actuator answers 404 for a name it does not know and for tags no series of the meter has.
 *
 * @param fetched the HTTP answer
 * @param meter the meter, or null when the answer held none
 */
record MeterReading(Fetched fetched, Meter meter) {

    /** Actuator's JSON for one meter, summed over the series its tag filter matched. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Meter(String name, String baseUnit, List<Measurement> measurements, List<AvailableTag> availableTags) {

        Meter {
            measurements = measurements == null ? List.of() : measurements;
            availableTags = availableTags == null ? List.of() : availableTags;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Measurement(String statistic, Double value) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AvailableTag(String tag, List<String> values) {}

    boolean found() {
        return meter != null;
    }

    /** The service answered that it has no such meter (or no series with the tags asked for). */
    boolean absent() {
        return meter == null && fetched.answered() && fetched.status() == 404;
    }

    /** A statistic's value ({@code COUNT}, {@code VALUE}, ...), or null when the meter has none or it is NaN. */
    Double statistic(String statistic) {
        if (meter == null) {
            return null;
        }
        return meter.measurements().stream()
                .filter(m -> statistic.equals(m.statistic())
                        && m.value() != null
                        && !m.value().isNaN())
                .map(Measurement::value)
                .findFirst()
                .orElse(null);
    }

    /** The values a tag takes across the meter's other series, as {@code availableTags} lists them. */
    List<String> tagValues(String tag) {
        if (meter == null) {
            return List.of();
        }
        return meter.availableTags().stream()
                .filter(t -> tag.equals(t.tag()) && t.values() != null)
                .flatMap(t -> t.values().stream())
                .toList();
    }

    /** Every tag listed in {@code availableTags}, with its values. */
    List<AvailableTag> availableTags() {
        return meter == null ? List.of() : meter.availableTags();
    }

    /** A time statistic in milliseconds, converted from the meter's base unit (Micrometer's Prometheus: seconds). */
    Double millis(String statistic) {
        Double value = statistic(statistic);
        if (value == null) {
            return null;
        }
        String unit = meter.baseUnit() == null ? "seconds" : meter.baseUnit();
        return switch (unit) {
            case "milliseconds" -> value;
            case "microseconds" -> value / 1_000;
            case "nanoseconds" -> value / 1_000_000;
            default -> value * 1_000;
        };
    }
}
