package dev.powerpages.emulator.dashboard;

import dev.powerpages.emulator.dashboard.DashboardSnapshot.Charts;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Marker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The figures of every poll over the last few minutes ({@code traffic-manager.dashboard.chart-window}), answered
 * as aligned columns (one time axis, one array per series, null where a series had no figure), the shape a chart
 * library draws directly. Each snapshot carries the whole window, so a page opened late, or reconnected, draws the
 * same chart as one that watched from the start.
 */
final class ChartHistory {

    /** One poll's figures. */
    record Point(
            Instant time,
            Map<String, Double> regionRps,
            Map<String, Double> instanceRps,
            Double failedPerSecond,
            Double p95Ms) {}

    private final Duration window;
    private final Deque<Point> points = new ArrayDeque<>();

    ChartHistory(Duration window) {
        this.window = window;
    }

    synchronized void record(Point point) {
        points.addLast(point);
        Instant oldest = point.time().minus(window);
        while (!points.isEmpty() && points.peekFirst().time().isBefore(oldest)) {
            points.removeFirst();
        }
    }

    /** The window as columns, with the markers whose time falls inside it. */
    synchronized Charts view(List<Marker> markers) {
        List<Long> times = new ArrayList<>(points.size());
        List<Double> failed = new ArrayList<>(points.size());
        List<Double> p95 = new ArrayList<>(points.size());
        Set<String> regions = new LinkedHashSet<>();
        Set<String> instances = new LinkedHashSet<>();
        for (Point point : points) {
            times.add(point.time().toEpochMilli());
            failed.add(point.failedPerSecond());
            p95.add(point.p95Ms());
            regions.addAll(point.regionRps().keySet());
            instances.addAll(point.instanceRps().keySet());
        }
        long from = points.isEmpty() ? Long.MAX_VALUE : times.get(0);
        List<Marker> shown =
                markers.stream().filter(m -> m.epochMillis() >= from).toList();
        return new Charts(
                window.toSeconds(),
                times,
                columns(regions, Point::regionRps),
                columns(instances, Point::instanceRps),
                failed,
                p95,
                shown);
    }

    private Map<String, List<Double>> columns(Set<String> names, Function<Point, Map<String, Double>> figures) {
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        for (String name : names) {
            List<Double> column = new ArrayList<>(points.size());
            for (Point point : points) {
                column.add(figures.apply(point).get(name));
            }
            columns.put(name, column);
        }
        return columns;
    }
}
