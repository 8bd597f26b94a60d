package dev.powerpages.emulator.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition ({@code /actuator/prometheus}). Written here because the
 * Prometheus and Micrometer libraries on the classpath only write this format; the dashboard needs a few
 * counters, so a line parser of the documented format (name, optional labels, value) is enough.
 */
record PrometheusSamples(List<Sample> samples) {

    /** One line: a metric name, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static PrometheusSamples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(3) != null) {
                Matcher label = LABEL.matcher(matcher.group(3));
                while (label.find()) {
                    labels.put(
                            label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            try {
                samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
            } catch (NumberFormatException ex) {
                // NaN and ±Inf parse; anything else is not a sample
            }
        }
        return new PrometheusSamples(List.copyOf(samples));
    }

    /** The sum of a metric's samples by the value of one label, for samples the filter keeps. */
    Map<String, Double> sumBy(String name, String label, Predicate<Sample> filter) {
        Map<String, Double> sums = new LinkedHashMap<>();
        samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().containsKey(label))
                .filter(filter)
                .forEach(s -> sums.merge(s.labels().get(label), s.value(), Double::sum));
        return sums;
    }

    /** Samples whose name starts with a prefix (a family of counters whose exact names may vary). */
    List<Sample> named(Predicate<String> name) {
        return samples.stream().filter(s -> name.test(s.name())).toList();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
