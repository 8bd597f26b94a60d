package dev.powerpages.emulator.trafficmanager.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ProfilePersistenceTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private static ProfileDefinition profile(String target) {
        return profile(target, EndpointStatus.ENABLED);
    }

    private static ProfileDefinition profile(String target, EndpointStatus status) {
        return new ProfileDefinition(
                null,
                null,
                null,
                new MonitorConfig(MonitorProtocol.TCP, 443, null, 10, 5, 2, null, null),
                List.of(new EndpointDefinition("primary", null, target, status, 1, "North Europe", null)),
                new EmulatorSettings(4.0, null));
    }

    private ProfileRegistry start(Path dataDir, Map<String, ProfileDefinition> configured) {
        return new ProfileRegistry(
                new TrafficManagerProperties(configured, null, null, null, 3, dataDir.toString()), json);
    }

    @Test
    void profilesCreatedChangedOrDeletedThroughTheApiSurviveARestart(@TempDir Path dataDir) {
        Map<String, ProfileDefinition> configured = Map.of("contoso", profile("configured.example"));
        ProfileRegistry first = start(dataDir, configured);
        first.put("fabrikam", profile("fabrikam.example"));
        first.put("fabrikam", profile("fabrikam.example", EndpointStatus.DISABLED));
        first.delete("contoso");

        ProfileRegistry restarted = start(dataDir, configured);

        assertThat(restarted.find("contoso")).isEmpty();
        TrafficManagerProfile restored = restarted.find("fabrikam").orElseThrow();
        assertThat(restored.definition().monitorConfig().protocol()).isEqualTo(MonitorProtocol.TCP);
        assertThat(restored.definition().emulator().timeScale()).isEqualTo(4.0);
        assertThat(restored.endpoint("primary").orElseThrow().endpointStatus()).isEqualTo(EndpointStatus.DISABLED);
        assertThat(restored.endpoint("primary").orElseThrow().monitorStatus())
                .isEqualTo(EndpointMonitorStatus.DISABLED);
    }

    @Test
    void withoutADataDirNothingIsKept(@TempDir Path unused) {
        ProfileRegistry first =
                new ProfileRegistry(new TrafficManagerProperties(Map.of(), null, null, null, 1, ""), json);
        first.put("fabrikam", profile("fabrikam.example"));

        ProfileRegistry restarted =
                new ProfileRegistry(new TrafficManagerProperties(Map.of(), null, null, null, 1, ""), json);

        assertThat(restarted.find("fabrikam")).isEmpty();
    }
}
