package dev.powerpages.emulator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.dashboard.DashboardSnapshot.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventMarkersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void statusChangesAndScalingDecisionsBecomeMarkersOldestFirst() {
        List<Marker> markers = EventMarkers.from(JSON.readTree("""
                {"value":[
                  {"time":"2026-12-05T10:00:09Z","kind":"Scale","endpoint":"northeurope",
                   "instances":{"from":1,"to":2},"reason":"load above capacity for 30 s"},
                  {"time":"2026-12-05T10:00:05Z","kind":"StatusChange","endpoint":"northeurope",
                   "oldStatus":"Online","newStatus":"Degraded","reason":"2 consecutive probe failures"}
                ]}"""));

        assertThat(markers).extracting(Marker::kind).containsExactly("StatusChange", "Scale");
        assertThat(markers)
                .extracting(Marker::text)
                .containsExactly(
                        "northeurope: Online \u2192 Degraded (2 consecutive probe failures)",
                        "northeurope: 1 \u2192 2 instances (load above capacity for 30 s)");
        assertThat(markers.get(0).epochMillis()).isEqualTo(1_796_464_805_000L);
    }

    @Test
    void anEntryWithoutKindIsAStatusChangeAndAnUnknownKindIsKept() {
        List<Marker> markers = EventMarkers.from(JSON.readTree("""
                {"value":[
                  {"time":"2026-12-05T10:00:07Z","kind":"Drain","region":"westeurope","message":"draining westeurope-2"},
                  {"time":"2026-12-05T10:00:05Z","endpoint":"westeurope","oldStatus":"Degraded","newStatus":"Online",
                   "reason":"probe answered"},
                  {"time":"not a time","kind":"Scale"}
                ]}"""));

        assertThat(markers).extracting(Marker::kind).containsExactly("StatusChange", "Drain");
        assertThat(markers).extracting(Marker::endpoint).containsExactly("westeurope", "westeurope");
        assertThat(markers.get(1).text()).isEqualTo("westeurope: Drain: draining westeurope-2");
    }
}
