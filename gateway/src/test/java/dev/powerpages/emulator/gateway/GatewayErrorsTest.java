package dev.powerpages.emulator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.powerpages.emulator.gateway.support.ActuatorMeter;
import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import dev.powerpages.emulator.gateway.support.Ports;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Origins that fail: the edge answers 502/504 with a small body naming the problem, never a 500.
 * The traffic manager's TTL is 0, so each test's answer applies at once.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=500ms")
class GatewayErrorsTest {

    static final FakeAppNode slow = new FakeAppNode("westeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        registry.add("gateway.traffic-manager.url", trafficManager::url);
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        slow.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = GatewayClient.at(port, Duration.ofSeconds(10));
    }

    @Test
    void answers502WithACleanBodyWhenTheOriginRefusesTheConnection() {
        trafficManager.answer("northeurope", Ports.closedPortUrl(), 0);

        EntityExchangeResult<byte[]> result = client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader()
                .contentType("application/json")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("OriginConnectionRefused")
                .jsonPath("$.error.message")
                .value(
                        String.class,
                        message -> assertThat(message).contains("northeurope").contains("refused"))
                .returnResult();
        String reference = result.getResponseHeaders().getFirst("X-Azure-Ref");
        assertThat(reference).isNotBlank();
        assertThat(new String(result.getResponseBody()))
                .contains("\"reference\":\"" + reference + "\"")
                .doesNotContain("Exception")
                .doesNotContain("trace");
    }

    @Test
    void answers504WhenTheOriginDoesNotRespondInTime() {
        trafficManager.answer("westeurope", slow.url(), 0);

        client.get()
                .uri("/slow")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader()
                .exists("X-Azure-Ref")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("OriginTimeout");
    }

    @Test
    void answers503WhenTheTrafficManagerNamesNoEndpoint() {
        trafficManager.answerProfileNotFound();

        client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("NoOriginAvailable");
    }

    @Test
    void countsOriginErrorsPerEndpoint() {
        trafficManager.answer("northeurope", Ports.closedPortUrl(), 0);
        client.get().uri("/").exchange().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);

        client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(
                        body -> assertThat(body)
                                .containsPattern(
                                        "gateway_origin_errors_total\\{endpoint=\"northeurope\",error=\"OriginConnectionRefused\"[^}]*\\} [1-9]"));
    }

    @Test
    void visitorsRequestsTheirFailuresAndTheirP95AreSingleMetersInTheActuatorsJson() {
        double requests = measurement("/actuator/metrics/gateway.edge.requests", "COUNT");
        double failed = measurement("/actuator/metrics/gateway.edge.responses?tag=http_status_group:5xx", "COUNT");
        trafficManager.answer("northeurope", Ports.closedPortUrl(), 0);

        client.get().uri("/").exchange().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);
        // the edge's own paths are not visitors' requests
        client.get().uri("/_edge/health").exchange().expectStatus().isOk();

        // the observation ends just after the answer is sent
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(measurement("/actuator/metrics/gateway.edge.requests", "COUNT"))
                    .isEqualTo(requests + 1);
            assertThat(measurement("/actuator/metrics/gateway.edge.responses?tag=http_status_group:5xx", "COUNT"))
                    .as("the edge's 502 is a failed request")
                    .isEqualTo(failed + 1);
        });
        String p95 = ActuatorMeter.json(client, "/actuator/metrics/gateway.edge.requests.percentile?tag=phi:0.95");
        assertThat((String) JsonPath.read(p95, "$.baseUnit")).isEqualTo("seconds");
        assertThat(ActuatorMeter.statistic(p95, "VALUE"))
                .as("the 502 took some time")
                .isPositive();
    }

    private double measurement(String uri, String statistic) {
        return ActuatorMeter.statistic(client, uri, statistic);
    }
}
