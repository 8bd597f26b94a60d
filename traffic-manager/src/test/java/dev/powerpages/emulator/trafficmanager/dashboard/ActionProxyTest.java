package dev.powerpages.emulator.trafficmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.powerpages.emulator.trafficmanager.dashboard.StandInService.Reply;
import dev.powerpages.emulator.trafficmanager.dashboard.StandInService.Request;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

class ActionProxyTest extends DashboardTestSupport {

    @Test
    void controlsNeedTheAdminKeyAndForwardNothingWithoutIt() {
        act("fail-health?target=northeurope", null)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("Unauthorized");
        act("fail-health?target=northeurope", "wrong-key").expectStatus().isUnauthorized();

        assertThat(primary.service.requests("PUT", "/_services/chaos")).isEmpty();
        assertThat(primary.failingHealth()).isFalse();
    }

    @Test
    void failHealthGoesToThatRegionsNodeOnlyWithTheAdminKeyAndShowsInTheTimeline() {
        act("fail-health?target=northeurope", ADMIN_KEY)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(true)
                .jsonPath("$.upstreamStatus")
                .isEqualTo(200)
                .jsonPath("$.url")
                .isEqualTo(primary.service.url() + "/_services/chaos");

        List<Request> sent = primary.service.requests("PUT", "/_services/chaos");
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.header("X-Admin-Key")).isEqualTo(ADMIN_KEY);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo("{\"failHealth\":true}");
        });
        assertThat(secondary.service.requests("PUT", "/_services/chaos")).isEmpty();
        assertThat(primary.failingHealth()).isTrue();
        await().atMost(DETECTION).untilAsserted(() -> {
            String json = snapshot();
            assertThat((List<String>) JsonPath.read(json, "$.timeline[?(@.kind == 'ACTION')].text"))
                    .contains("Fail health on northeurope: done (HTTP 200)");
            assertThat((String) JsonPath.read(json, "$.nodes[0].monitorStatus.text"))
                    .isEqualTo("Degraded");
        });
    }

    @Test
    void restoreAndLatencyControlsChangeOnlyTheirOwnFault() {
        act("add-latency?target=westeurope&latencyMs=750", ADMIN_KEY)
                .expectStatus()
                .isOk();
        act("restore-health?target=westeurope", ADMIN_KEY).expectStatus().isOk();
        act("clear-faults?target=westeurope", ADMIN_KEY).expectStatus().isOk();

        assertThat(secondary.service.requests("PUT", "/_services/chaos"))
                .extracting(Request::body)
                .containsExactly("{\"latencyMs\":750}", "{\"failHealth\":false}");
        assertThat(secondary.service.requests("DELETE", "/_services/chaos")).hasSize(1);
    }

    @Test
    void edgeControlsSendFrontDoorShapedAdminCallsToTheGateway() {
        act("waf-off", ADMIN_KEY).expectStatus().isOk();
        act("cdn-off", ADMIN_KEY).expectStatus().isOk();
        act("cdn-purge", ADMIN_KEY).expectStatus().isOk();

        assertThat(gateway.requests("PATCH", "/_edge/admin/waf"))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.header("X-Admin-Key")).isEqualTo(ADMIN_KEY);
                    assertThat(request.body())
                            .isEqualTo("{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\"}}}");
                });
        assertThat(gateway.requests("PATCH", "/_edge/admin/cdn"))
                .extracting(Request::body)
                .containsExactly("{\"enabled\":false}");
        assertThat(gateway.requests("POST", "/_edge/admin/cdn/purge"))
                .extracting(Request::body)
                .containsExactly("{\"contentPaths\":[\"/*\"]}");
    }

    @Test
    void storeControlsSwitchTheStoresOutageWithTheAdminKeyAndShowInTheTimeline() {
        store.forgetRequests();
        store.on(
                "PUT",
                "/_services/chaos",
                r -> Reply.json(
                        200,
                        r.body().contains("true")
                                ? "{\"outage\":true,\"since\":\"2026-11-23T12:00:00Z\"}"
                                : "{\"outage\":false}"));
        act("store-stop", null).expectStatus().isUnauthorized();
        assertThat(store.requests("PUT", "/_services/chaos")).isEmpty();

        act("store-stop", ADMIN_KEY)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(true)
                .jsonPath("$.url")
                .isEqualTo(store.url() + "/_services/chaos");
        act("store-start", ADMIN_KEY).expectStatus().isOk();

        assertThat(store.requests("PUT", "/_services/chaos"))
                .satisfiesExactly(
                        stop -> {
                            assertThat(stop.header("X-Admin-Key")).isEqualTo(ADMIN_KEY);
                            assertThat(stop.body()).isEqualTo("{\"outage\":true}");
                        },
                        start -> assertThat(start.body()).isEqualTo("{\"outage\":false}"));
        await().atMost(DETECTION)
                .untilAsserted(() -> assertThat(timelineTexts())
                        .contains(
                                "Stop store (outage: 503) on store: done (HTTP 200)",
                                "Start store (outage over) on store: done (HTTP 200)"));
    }

    @Test
    void aRefusedOrUnansweredActionAnswers502AndTheTimelineSaysItFailed() {
        // the stand-in node has no clear-cache endpoint: it answers 404
        act("clear-cache?target=northeurope", ADMIN_KEY)
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(false)
                .jsonPath("$.upstreamStatus")
                .isEqualTo(404);
        gateway.stop();
        act("cdn-purge", ADMIN_KEY)
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("Purge CDN on gateway failed: connection refused");

        await().atMost(DETECTION)
                .untilAsserted(() -> assertThat(timelineTexts())
                        .contains("Purge CDN on gateway failed: connection refused")
                        .anySatisfy(
                                text -> assertThat(text).startsWith("Clear cache on northeurope failed: HTTP 404")));
    }

    @Test
    void unknownActionsTargetsAndValuesGetAClear4xx() {
        act("explode?target=northeurope", ADMIN_KEY)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("UnknownAction");
        act("fail-health?target=eastus", ADMIN_KEY)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.message")
                .value(m -> assertThat((String) m).contains("eastus"));
        act("fail-health", ADMIN_KEY).expectStatus().isBadRequest();
        act("add-latency?target=northeurope&latencyMs=-5", ADMIN_KEY)
                .expectStatus()
                .isBadRequest();
        act("add-latency?target=northeurope&latencyMs=soon", ADMIN_KEY)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("BadRequest");

        assertThat(primary.service.requests("PUT", "/_services/chaos")).isEmpty();
    }

    @Test
    void instanceControlsGoToThatInstancesOwnPortOnly() {
        await().atMost(DETECTION)
                .untilAsserted(
                        () -> assertThat((List<String>) JsonPath.read(snapshot(), "$.nodes[0].instances[*].name"))
                                .contains("northeurope-2"));

        act("instance-fail-health?target=northeurope-2", ADMIN_KEY)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.url")
                .isEqualTo(northeurope2.service.url() + "/_services/chaos");
        act("instance-crash?target=northeurope-2", ADMIN_KEY).expectStatus().isOk();
        act("instance-restore?target=northeurope-2", ADMIN_KEY).expectStatus().isOk();

        assertThat(northeurope2.service.requests("PUT", "/_services/chaos"))
                .extracting(Request::body)
                .containsExactly("{\"failHealth\":true}", "{\"crash\":true}");
        assertThat(northeurope2.service.requests("DELETE", "/_services/chaos")).hasSize(1);
        assertThat(northeurope2.failingHealth()).isFalse();
        assertThat(northeurope1.service.requests("PUT", "/_services/chaos")).isEmpty();
        assertThat(primary.service.requests("PUT", "/_services/chaos")).isEmpty();
    }

    @Test
    void anUnknownInstanceIsRefusedWithTheKnownOnes() {
        act("instance-crash?target=northeurope-9", ADMIN_KEY)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("UnknownTarget");
        act("instance-crash", ADMIN_KEY).expectStatus().isBadRequest();
    }

    private RestTestClient.ResponseSpec act(String actionAndQuery, String adminKey) {
        RestTestClient.RequestBodySpec request = client.post().uri("/api/dashboard/actions/" + actionAndQuery);
        if (adminKey != null) {
            request.header("X-Admin-Key", adminKey);
        }
        return request.exchange();
    }
}
