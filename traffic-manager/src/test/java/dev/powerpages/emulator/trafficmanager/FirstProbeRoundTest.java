package dev.powerpages.emulator.trafficmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.powerpages.emulator.trafficmanager.FakeAppNode.Health;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The stack starts at once, so the traffic manager's first probes reach app nodes that are still starting. With
 * one agent on a 30 s interval, a node that answers a few seconds later is Online within about a second, not at
 * the next interval, and the failed looks in between do not count as the interval's failures.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "traffic-manager.probe-agents=1",
            "traffic-manager.profiles.contoso.monitor-config.interval-in-seconds=30",
            "traffic-manager.profiles.contoso.monitor-config.timeout-in-seconds=5",
            "traffic-manager.profiles.contoso.monitor-config.tolerated-number-of-failures=1",
            "traffic-manager.data-dir=",
            "traffic-manager.dns.port=0",
            "traffic-manager.profiles.fabrikam.profile-status=Disabled",
            "traffic-manager.profiles.fabrikam.endpoints[0].name=only",
            "traffic-manager.profiles.fabrikam.endpoints[0].target=localhost:9"
        })
@AutoConfigureRestTestClient
@DirtiesContext
class FirstProbeRoundTest {

    static final FakeAppNode starting = FakeAppNode.start();
    static final FakeAppNode secondary = FakeAppNode.start();

    static {
        starting.answer(Health.UNAVAILABLE);
    }

    @DynamicPropertySource
    static void targets(DynamicPropertyRegistry registry) {
        registry.add("CONTOSO_PRIMARY_TARGET", starting::target);
        registry.add("CONTOSO_SECONDARY_TARGET", secondary::target);
    }

    @AfterAll
    static void stopAppNodes() {
        starting.stop();
        secondary.stop();
    }

    @Autowired
    RestTestClient client;

    @Test
    void aNodeThatAnswersAfterTheFirstRoundIsOnlineWithoutWaitingAFullInterval() {
        // More failed answers than the one tolerated failure, all within the first interval: still no verdict.
        await().atMost(Duration.ofSeconds(20)).until(() -> starting.failedAnswers() >= 3);
        assertThat(monitorStatus("northeurope")).isEqualTo("CheckingEndpoint");

        starting.answer(Health.HEALTHY);

        // The next probe of the 30 s interval is at least 20 s away; the agent looks again every second until then.
        await().atMost(Duration.ofSeconds(8)).until(() -> "Online".equals(monitorStatus("northeurope")));
    }

    private String monitorStatus(String endpoint) {
        String body = client.get()
                .uri("/api/profiles/contoso")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        List<String> statuses = JsonPath.read(
                body, "$.properties.endpoints[?(@.name == '" + endpoint + "')].properties.endpointMonitorStatus");
        return statuses.get(0);
    }
}
