package dev.powerpages.emulator.trafficmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.powerpages.emulator.trafficmanager.FakeAppNode.Health;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The shipped "contoso" profile, sped up tenfold with the emulator's time scale (probe every 500 ms,
 * 300 ms timeout, 1 tolerated failure, three probe agents), in front of two in-process app nodes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "traffic-manager.profiles.contoso.emulator.time-scale=10",
            "traffic-manager.data-dir=",
            "traffic-manager.dns.port=0",
            "traffic-manager.profiles.fabrikam.profile-status=Disabled",
            "traffic-manager.profiles.fabrikam.endpoints[0].name=only",
            "traffic-manager.profiles.fabrikam.endpoints[0].target=localhost:9"
        })
@AutoConfigureRestTestClient
@DirtiesContext // stop probing the fake app nodes once this class is done
class TrafficManagerFailoverTest {

    private static final String ADMIN_KEY = "emulator-admin-key";
    private static final Duration DETECTION = Duration.ofSeconds(10);

    static final FakeAppNode primary = FakeAppNode.start();
    static final FakeAppNode secondary = FakeAppNode.start();

    @DynamicPropertySource
    static void targets(DynamicPropertyRegistry registry) {
        registry.add("CONTOSO_PRIMARY_TARGET", primary::target);
        registry.add("CONTOSO_SECONDARY_TARGET", secondary::target);
    }

    @AfterAll
    static void stopAppNodes() {
        primary.stop();
        secondary.stop();
    }

    @Autowired
    RestTestClient client;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void bothNodesHealthyAndOnline() {
        primary.ensureRunning();
        primary.answer(Health.HEALTHY);
        secondary.answer(Health.HEALTHY);
        await().atMost(DETECTION).untilAsserted(() -> {
            assertThat(monitorStatus("northeurope")).isEqualTo("Online");
            assertThat(monitorStatus("westeurope")).isEqualTo("Online");
        });
    }

    @Test
    void describesTheProfileInArmShapeAndResolvesToThePrimary() {
        client.get()
                .uri("/api/profiles/contoso")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                        + "emulator/providers/Microsoft.Network/trafficManagerProfiles/contoso")
                .jsonPath("$.type")
                .isEqualTo("Microsoft.Network/trafficManagerProfiles")
                .jsonPath("$.location")
                .isEqualTo("global")
                .jsonPath("$.properties.trafficRoutingMethod")
                .isEqualTo("Priority")
                .jsonPath("$.properties.dnsConfig.fqdn")
                .isEqualTo("contoso.trafficmanager.net")
                .jsonPath("$.properties.monitorConfig.profileMonitorStatus")
                .isEqualTo("Online")
                .jsonPath("$.properties.monitorConfig.path")
                .isEqualTo("/_services/health")
                .jsonPath("$.properties.monitorConfig.expectedStatusCodeRanges[0].min")
                .isEqualTo(200)
                .jsonPath("$.properties.endpoints[0].type")
                .isEqualTo("Microsoft.Network/trafficManagerProfiles/externalEndpoints")
                .jsonPath("$.properties.endpoints[0].properties.endpointLocation")
                .isEqualTo("North Europe")
                .jsonPath("$.properties.endpoints[1].properties.priority")
                .isEqualTo(2);

        client.get()
                .uri("/api/profiles/contoso/resolve")
                .exchange()
                .expectStatus()
                .isOk()
                // dnsConfig.ttl 5 s divided by the time scale 10, rounded up to whole seconds
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofSeconds(1)))
                .expectBody()
                .jsonPath("$.profile")
                .isEqualTo("contoso")
                .jsonPath("$.fqdn")
                .isEqualTo("contoso.trafficmanager.net")
                .jsonPath("$.endpoint")
                .isEqualTo("northeurope")
                .jsonPath("$.target")
                .isEqualTo(primary.target())
                .jsonPath("$.url")
                .isEqualTo("http://" + primary.target())
                .jsonPath("$.endpointMonitorStatus")
                .isEqualTo("Online")
                .jsonPath("$.ttl")
                .isEqualTo(1)
                .jsonPath("$.allEndpointsDegraded")
                .isEqualTo(false)
                .jsonPath("$.fallbacks[0].endpoint")
                .isEqualTo("westeurope")
                .jsonPath("$.fallbacks[0].url")
                .isEqualTo("http://" + secondary.target());
    }

    @Test
    void unavailablePrimaryIsDegradedAfterMoreFailuresThanToleratedThenFailsBack() {
        double failuresBefore = probeFailures("northeurope");
        primary.answer(Health.UNAVAILABLE);

        await().atMost(DETECTION).until(() -> "Degraded".equals(monitorStatus("northeurope")));

        assertThat(primary.failedAnswers()).as("503 answers before Degraded").isGreaterThanOrEqualTo(2);
        assertThat(resolvedEndpoint()).isEqualTo("westeurope");
        assertThat(profileMonitorStatus()).isEqualTo("Degraded");
        Map<String, Object> change = latestChange();
        assertThat(change)
                .containsEntry("endpoint", "northeurope")
                .containsEntry("oldStatus", "Online")
                .containsEntry("newStatus", "Degraded");
        assertThat((String) change.get("reason")).contains("2 consecutive probe failures, more than the 1 tolerated");
        assertThat(JsonPath.<Integer>read(change, "$.probe.statusCode")).isEqualTo(503);
        assertThat(JsonPath.<String>read(change, "$.probeAgent")).matches("agent-[123]");
        assertThat((String) change.get("reason")).contains("of 3 probe agents see more failures than tolerated");
        assertThat(JsonPath.<String>read(change, "$.probe.error")).contains("HTTP 503");
        assertThat(probeFailures("northeurope") - failuresBefore).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("traffic.manager.endpoint.status")
                        .tags("endpoint", "northeurope", "status", "Degraded")
                        .gauge()
                        .value())
                .isEqualTo(1.0);

        primary.answer(Health.HEALTHY);

        await().atMost(DETECTION).until(() -> "northeurope".equals(resolvedEndpoint()));
        Map<String, Object> failback = latestChange();
        assertThat(failback).containsEntry("oldStatus", "Degraded").containsEntry("newStatus", "Online");
        assertThat(JsonPath.<Integer>read(failback, "$.probe.statusCode")).isEqualTo(200);
    }

    /**
     * docs/traffic-manager.md: detection ≤ (F + 1) × I + T and failback ≤ I + T, here F = 1, I = 500 ms,
     * T = 300 ms. Measured from the change on the node to the status change the events API records; the
     * allowance covers the 25 ms probe tick and thread scheduling on a loaded machine.
     */
    @Test
    void detectionAndFailbackStayWithinTheDocumentedWorstCase() {
        Duration interval = Duration.ofMillis(500);
        Duration timeout = Duration.ofMillis(300);
        Duration allowance = Duration.ofMillis(400);

        Instant broken = Instant.now();
        primary.answer(Health.UNAVAILABLE);
        await().atMost(DETECTION).until(() -> "Degraded".equals(monitorStatus("northeurope")));
        Duration detection = Duration.between(broken, Instant.parse(JsonPath.read(latestChange(), "$.time")));

        Instant repaired = Instant.now();
        primary.answer(Health.HEALTHY);
        await().atMost(DETECTION).until(() -> "Online".equals(monitorStatus("northeurope")));
        Duration failback = Duration.between(repaired, Instant.parse(JsonPath.read(latestChange(), "$.time")));

        assertThat(detection)
                .isLessThanOrEqualTo(interval.multipliedBy(2).plus(timeout).plus(allowance));
        assertThat(failback).isLessThanOrEqualTo(interval.plus(timeout).plus(allowance));
    }

    @Test
    void primaryThatRefusesConnectionsIsDegradedWithinTheDocumentedWorstCase() {
        Instant killed = Instant.now();
        primary.stop();

        await().atMost(DETECTION).until(() -> "Degraded".equals(monitorStatus("northeurope")));
        Duration detection = Duration.between(killed, Instant.parse(JsonPath.read(latestChange(), "$.time")));
        // (F + 1) × I + T = 2 × 500 ms + 300 ms, plus the same allowance as above
        assertThat(detection).isLessThanOrEqualTo(Duration.ofMillis(2 * 500 + 300 + 400));

        assertThat(resolvedEndpoint()).isEqualTo("westeurope");
        assertThat(JsonPath.<String>read(latestChange(), "$.probe.error")).isEqualTo("Connection refused");
    }

    @Test
    void probeAnsweredLaterThanTheTimeoutCountsAsAFailure() {
        primary.answer(Health.SLOW);

        await().atMost(DETECTION).until(() -> "Degraded".equals(monitorStatus("northeurope")));

        assertThat(JsonPath.<String>read(latestChange(), "$.probe.error")).contains("300 ms timeout");
        assertThat(resolvedEndpoint()).isEqualTo("westeurope");
    }

    @Test
    void redirectCountsAsAFailure() {
        primary.answer(Health.REDIRECT);

        await().atMost(DETECTION).until(() -> "Degraded".equals(monitorStatus("northeurope")));

        assertThat(JsonPath.<Integer>read(latestChange(), "$.probe.statusCode")).isEqualTo(301);
        assertThat(resolvedEndpoint()).isEqualTo("westeurope");
    }

    @Test
    void whenEveryEndpointIsDegradedResolveStillAnswersThePrimaryAsAzureDoes() {
        primary.answer(Health.UNAVAILABLE);
        secondary.answer(Health.UNAVAILABLE);

        await().atMost(DETECTION).untilAsserted(() -> {
            assertThat(monitorStatus("northeurope")).isEqualTo("Degraded");
            assertThat(monitorStatus("westeurope")).isEqualTo("Degraded");
        });

        client.get()
                .uri("/api/profiles/contoso/resolve")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.endpoint")
                .isEqualTo("northeurope")
                .jsonPath("$.endpointMonitorStatus")
                .isEqualTo("Degraded")
                .jsonPath("$.allEndpointsDegraded")
                .isEqualTo(true);
    }

    @Test
    void disablingEndpointsTakesThemOutOfRotationUntilNoneIsLeft() {
        try {
            patchEndpoint("northeurope", "Disabled")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.properties.endpointMonitorStatus")
                    .isEqualTo("Disabled");
            assertThat(resolvedEndpoint()).isEqualTo("westeurope");
            assertThat(latestChange())
                    .containsEntry("newStatus", "Disabled")
                    .containsEntry("reason", "endpointStatus set to Disabled");

            patchEndpoint("westeurope", "Disabled").expectStatus().isOk();

            assertThat(profileMonitorStatus()).isEqualTo("Inactive");
            client.get()
                    .uri("/api/profiles/contoso/resolve")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.error.code")
                    .isEqualTo("NXDOMAIN");
        } finally {
            patchEndpoint("northeurope", "Enabled").expectStatus().isOk();
            patchEndpoint("westeurope", "Enabled").expectStatus().isOk();
        }
        // Re-enabled endpoints are checked again, and serve meanwhile.
        assertThat(resolvedEndpoint()).isEqualTo("northeurope");
        await().atMost(DETECTION).until(() -> "Online".equals(monitorStatus("northeurope")));
    }

    @Test
    void changingAnEndpointNeedsTheAdminKeyAndAValidStatus() {
        client.patch()
                .uri("/api/profiles/contoso/endpoints/northeurope")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"properties\":{\"endpointStatus\":\"Disabled\"}}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("AuthenticationFailed");
        patchEndpoint("northeurope", "Paused")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).contains("Enabled or Disabled"));
        client.patch()
                .uri("/api/profiles/contoso/endpoints/northeurope")
                .header("X-Admin-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("InvalidRequestContent");
        patchEndpoint("nowhere", "Disabled")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("ResourceNotFound");

        assertThat(monitorStatus("northeurope")).isEqualTo("Online");
    }

    @Test
    void unknownProfileIsAResourceNotFoundAndADisabledOneAnswersNxdomain() {
        client.get()
                .uri("/api/profiles/nowhere/resolve")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("ResourceNotFound");

        client.get()
                .uri("/api/profiles/fabrikam")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.monitorConfig.profileMonitorStatus")
                .isEqualTo("Disabled")
                .jsonPath("$.properties.endpoints[0].properties.endpointMonitorStatus")
                .isEqualTo("Inactive");
        client.get()
                .uri("/api/profiles/fabrikam/resolve")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("NXDOMAIN")
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).contains("fabrikam.trafficmanager.net"));
        client.get()
                .uri("/api/profiles")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.value[*].name")
                .isEqualTo(List.of("contoso", "fabrikam"));
    }

    @Test
    void dashboardShowsTheProfileAndItsEndpointsStatuses() {
        String html = client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        // the page is drawn by its script from /api/dashboard (the rendered markup: DashboardBrowserTest)
        assertThat(html).contains("<script src=\"/dashboard/dashboard.js\"></script>");

        String json = get("/api/dashboard");
        assertThat((String) JsonPath.read(json, "$.profile.name")).isEqualTo("contoso");
        assertThat((String) JsonPath.read(json, "$.profile.fqdn")).isEqualTo("contoso.trafficmanager.net");
        assertThat((List<String>) JsonPath.read(json, "$.nodes[*].endpoint"))
                .containsExactly("northeurope", "westeurope");
        assertThat((List<String>) JsonPath.read(json, "$.nodes[*].monitorStatus.text"))
                .contains("Online");
    }

    private RestTestClient.ResponseSpec patchEndpoint(String endpoint, String status) {
        return client.patch()
                .uri("/api/profiles/contoso/endpoints/{endpoint}", endpoint)
                .header("X-Admin-Key", ADMIN_KEY)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body("{\"properties\":{\"endpointStatus\":\"" + status + "\"}}")
                .exchange();
    }

    private String get(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String monitorStatus(String endpoint) {
        List<String> statuses = JsonPath.read(
                get("/api/profiles/contoso"),
                "$.properties.endpoints[?(@.name == '" + endpoint + "')].properties.endpointMonitorStatus");
        return statuses.get(0);
    }

    private String profileMonitorStatus() {
        return JsonPath.read(get("/api/profiles/contoso"), "$.properties.monitorConfig.profileMonitorStatus");
    }

    private String resolvedEndpoint() {
        return JsonPath.read(get("/api/profiles/contoso/resolve"), "$.endpoint");
    }

    private Map<String, Object> latestChange() {
        return JsonPath.read(get("/api/profiles/contoso/events"), "$.value[0]");
    }

    private double probeFailures(String endpoint) {
        return meters.get("traffic.manager.probe.failures").tags("endpoint", endpoint).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }
}
