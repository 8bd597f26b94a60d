package dev.powerpages.emulator.trafficmanager.dashboard;

import dev.powerpages.emulator.trafficmanager.dashboard.StandInService.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's meters as Spring Boot's {@code /actuator/metrics/{name}} answers them, on a {@link StandInService}: a
 * {@code ?tag=key:value} filter keeps the series with those tags, the answer sums their statistics
 * ({@code measurements}) and lists the other tags of those series with their values ({@code availableTags}); 404 when
 * no series matches. Values are computed on each request, so a counter can grow with the test's clock.
 */
final class StandInMeters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Series(
            String name, String baseUnit, Map<String, String> tags, String statistic, DoubleSupplier value) {}

    private final StandInService service;
    private final List<Series> series = new ArrayList<>();

    StandInMeters(StandInService service) {
        this.service = service;
    }

    /** A counter's series (statistic {@code COUNT}), in place of one with the same name and tags. */
    StandInMeters counter(String name, Map<String, String> tags, DoubleSupplier count) {
        return add(new Series(name, null, tags, "COUNT", count));
    }

    /** A gauge's series (statistic {@code VALUE}), such as a timer's published percentile; replaces as above. */
    StandInMeters gauge(String name, String baseUnit, Map<String, String> tags, DoubleSupplier value) {
        return add(new Series(name, baseUnit, tags, "VALUE", value));
    }

    /** Forgets every series of a meter: its name answers 404. */
    synchronized StandInMeters remove(String name) {
        series.removeIf(s -> s.name().equals(name));
        service.remove("GET", path(name));
        return this;
    }

    /** Adds a series, in place of the one with the same name and tags (at once: no read finds neither). */
    private synchronized StandInMeters add(Series added) {
        series.removeIf(s -> s.name().equals(added.name()) && s.tags().equals(added.tags()));
        series.add(added);
        service.on("GET", path(added.name()), request -> answer(added.name(), request.tags()));
        return this;
    }

    private static String path(String name) {
        return "/actuator/metrics/" + name;
    }

    private synchronized Reply answer(String name, List<String> filters) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String filter : filters) {
            String[] parts = filter.split(":", 2);
            wanted.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        List<Series> matching = series.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.tags().entrySet().containsAll(wanted.entrySet()))
                .toList();
        if (matching.isEmpty()) {
            return new Reply(404, "application/json", "");
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Set<String>> available = new TreeMap<>();
        for (Series s : matching) {
            sums.merge(s.statistic(), s.value().getAsDouble(), Double::sum);
            s.tags().forEach((key, value) -> {
                if (!wanted.containsKey(key)) {
                    available.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value);
                }
            });
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("baseUnit", matching.get(0).baseUnit());
        List<Map<String, Object>> measurements = new ArrayList<>();
        sums.forEach((statistic, value) -> measurements.add(Map.of("statistic", statistic, "value", value)));
        body.put("measurements", measurements);
        List<Map<String, Object>> tags = new ArrayList<>();
        available.forEach((tag, values) -> tags.add(Map.of("tag", tag, "values", List.copyOf(values))));
        body.put("availableTags", tags);
        return Reply.json(200, JSON.writeValueAsString(body));
    }
}
