package dev.powerpages.emulator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.dashboard.DashboardSnapshot.Charts;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Marker;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static ChartHistory.Point at(long second, Map<String, Double> instances, Double p95) {
        return new ChartHistory.Point(
                T0.plusSeconds(second), Map.of("northeurope", 10.0 + second), instances, 0.0, p95);
    }

    @Test
    void seriesAreAlignedOnOneTimeAxisWithGapsWhereAFigureWasMissing() {
        ChartHistory history = new ChartHistory(Duration.ofMinutes(5));
        history.record(at(0, Map.of("northeurope-1", 5.0), null));
        history.record(at(1, Map.of("northeurope-1", 6.0, "northeurope-2", 1.0), 120.0));

        Charts charts = history.view(List.of());

        assertThat(charts.times())
                .containsExactly(T0.toEpochMilli(), T0.plusSeconds(1).toEpochMilli());
        assertThat(charts.regionRps().get("northeurope")).containsExactly(10.0, 11.0);
        assertThat(charts.instanceRps().get("northeurope-1")).containsExactly(5.0, 6.0);
        // an instance that joined later has no figure before it did
        assertThat(charts.instanceRps().get("northeurope-2")).isEqualTo(Arrays.asList(null, 1.0));
        assertThat(charts.p95Ms()).isEqualTo(Arrays.asList(null, 120.0));
    }

    @Test
    void pointsAndMarkersOlderThanTheWindowLeaveTheCharts() {
        ChartHistory history = new ChartHistory(Duration.ofMinutes(5));
        history.record(at(0, Map.of(), 100.0));
        history.record(at(200, Map.of(), 100.0));
        history.record(at(400, Map.of(), 100.0));
        Marker old = new Marker(T0.plusSeconds(10).toEpochMilli(), "", "StatusChange", "northeurope", "old");
        Marker recent = new Marker(T0.plusSeconds(300).toEpochMilli(), "", "Scale", "northeurope", "recent");

        Charts charts = history.view(List.of(old, recent));

        assertThat(charts.times())
                .containsExactly(
                        T0.plusSeconds(200).toEpochMilli(), T0.plusSeconds(400).toEpochMilli());
        assertThat(charts.markers()).containsExactly(recent);
        assertThat(charts.windowSeconds()).isEqualTo(300);
    }
}
