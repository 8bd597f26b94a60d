package dev.powerpages.emulator.trafficmanager.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileRegistryTest {

    private static EndpointDefinition endpoint(String name, String target, Integer priority) {
        return new EndpointDefinition(name, null, target, null, priority, null, null);
    }

    private static MonitorConfig monitor(int interval, int timeout) {
        return new MonitorConfig(MonitorProtocol.HTTP, 80, "/health", interval, timeout, 1, null, null);
    }

    private static ProfileRegistry registry(ProfileDefinition definition) {
        return new ProfileRegistry(
                new TrafficManagerProperties(Map.of("contoso", definition), null, null, null, 1, ""));
    }

    @Test
    void fillsInTheRelativeNameAndPrioritiesAsAzureDoes() {
        ProfileRegistry registry = registry(new ProfileDefinition(
                null,
                null,
                null,
                monitor(10, 5),
                List.of(endpoint("primary", "app1.example", null), endpoint("secondary", "app2.example", null)),
                null));

        TrafficManagerProfile profile = registry.find("CONTOSO").orElseThrow();

        assertThat(profile.definition().dnsConfig().fqdn()).isEqualTo("contoso.trafficmanager.net");
        assertThat(profile.definition().endpoints())
                .extracting(EndpointDefinition::priority)
                .containsExactly(1, 2);
    }

    @Test
    void probesTheTargetsOwnPortOrElseTheMonitorPort() {
        ProfileRegistry registry = registry(new ProfileDefinition(
                null,
                null,
                null,
                monitor(10, 5),
                List.of(endpoint("laptop", "localhost:8081", 1), endpoint("azure", "contoso-ne.azurewebsites.net", 2)),
                null));

        TrafficManagerProfile profile = registry.find("contoso").orElseThrow();

        assertThat(profile.endpoint("laptop").orElseThrow().probeUri()).hasToString("http://localhost:8081/health");
        assertThat(profile.endpoint("azure").orElseThrow().probeUri())
                .hasToString("http://contoso-ne.azurewebsites.net:80/health");
        assertThat(profile.endpoint("laptop").orElseThrow().trafficUrl()).isEqualTo("http://localhost:8081");
    }

    @Test
    void timeScaleDividesTheProbeIntervalAndTimeout() {
        ProfileRegistry registry = registry(new ProfileDefinition(
                null,
                null,
                null,
                monitor(5, 3),
                List.of(endpoint("primary", "localhost:8081", 1)),
                new EmulatorSettings(10.0, true)));

        TrafficManagerProfile profile = registry.find("contoso").orElseThrow();

        assertThat(profile.probeInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(profile.probeTimeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refusesToStartWithAMisconfiguredProfile() {
        ProfileDefinition definition = new ProfileDefinition(
                TrafficRoutingMethod.WEIGHTED,
                null,
                null,
                monitor(10, 10),
                List.of(endpoint("a", "a.example", 1), endpoint("b", "b.example:99999", 1)),
                null);

        assertThatIllegalStateException()
                .isThrownBy(() -> registry(definition))
                .withMessageContaining("traffic-manager.profiles.contoso")
                .withMessageContaining("only Priority")
                .withMessageContaining("timeoutInSeconds must be 5-9 for a 10 s interval")
                .withMessageContaining("priority 1 is used by another endpoint")
                .withMessageContaining("b.example:99999");
    }
}
