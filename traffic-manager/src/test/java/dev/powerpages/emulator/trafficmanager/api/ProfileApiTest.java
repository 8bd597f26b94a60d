package dev.powerpages.emulator.trafficmanager.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.trafficmanager.ProfileWebSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Creating, changing and deleting profiles and endpoints as ARM does, with Azure's validation.
 * <p>
 * A web slice ({@link ProfileWebSlice}): the profile API with its store in a temporary data directory, the admin-key
 * chain and request limits, through MockMvc. No prober: it would add its own status changes to the event lists these
 * tests read.
 */
@ProfileWebSlice(properties = {"CONTOSO_PRIMARY_TARGET=localhost:9", "CONTOSO_SECONDARY_TARGET=localhost:9"})
@DirtiesContext
class ProfileApiTest {

    private static final String ADMIN_KEY = "emulator-admin-key";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("traffic-manager.data-dir", () -> dataDir.toString());
    }

    @Autowired
    RestTestClient client;

    private RestTestClient.ResponseSpec send(String method, String uri, String body) {
        var request = client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .header("X-Admin-Key", ADMIN_KEY);
        return body == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @Test
    void putCreatesAProfileWithAzuresDefaultsAndPersistsIt() throws Exception {
        send("PUT", "/api/profiles/fabrikam", """
                {"location":"global","properties":{"dnsConfig":{"relativeName":"fabrikam"},
                 "endpoints":[{"name":"primary","type":"Microsoft.Network/trafficManagerProfiles/externalEndpoints",
                               "properties":{"target":"fabrikam-ne.example"}}]}}""")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("fabrikam")
                .jsonPath("$.properties.profileStatus")
                .isEqualTo("Enabled")
                .jsonPath("$.properties.trafficRoutingMethod")
                .isEqualTo("Priority")
                .jsonPath("$.properties.dnsConfig.fqdn")
                .isEqualTo("fabrikam.trafficmanager.net")
                .jsonPath("$.properties.dnsConfig.ttl")
                .isEqualTo(60)
                .jsonPath("$.properties.monitorConfig.protocol")
                .isEqualTo("HTTP")
                .jsonPath("$.properties.monitorConfig.path")
                .isEqualTo("/")
                .jsonPath("$.properties.monitorConfig.intervalInSeconds")
                .isEqualTo(30)
                .jsonPath("$.properties.monitorConfig.timeoutInSeconds")
                .isEqualTo(10)
                .jsonPath("$.properties.monitorConfig.toleratedNumberOfFailures")
                .isEqualTo(3)
                .jsonPath("$.properties.monitorConfig.expectedStatusCodeRanges[0].max")
                .isEqualTo(200)
                .jsonPath("$.properties.endpoints[0].properties.priority")
                .isEqualTo(1)
                .jsonPath("$.properties.endpoints[0].properties.endpointMonitorStatus")
                .isEqualTo("CheckingEndpoint");

        assertThat(Files.readString(dataDir.resolve("profiles.json"))).contains("fabrikam-ne.example");

        send(
                        "PUT",
                        "/api/profiles/fabrikam",
                        "{\"properties\":{\"dnsConfig\":{\"ttl\":30},"
                                + "\"endpoints\":[{\"name\":\"primary\",\"properties\":{\"target\":\"fabrikam-ne.example\"}}]}}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.dnsConfig.ttl")
                .isEqualTo(30);

        send("DELETE", "/api/profiles/fabrikam", null).expectStatus().isOk();
        client.get().uri("/api/profiles/fabrikam").exchange().expectStatus().isNotFound();
        send("DELETE", "/api/profiles/fabrikam", null).expectStatus().isNoContent();
        assertThat(Files.readString(dataDir.resolve("profiles.json"))).doesNotContain("fabrikam-ne.example");
    }

    @Test
    void outOfRangeSettingsAreRefusedInAzuresErrorShape() {
        send("PUT", "/api/profiles/bad", """
                {"properties":{"monitorConfig":{"protocol":"HTTPS","intervalInSeconds":20,"toleratedNumberOfFailures":12},
                 "endpoints":[{"name":"a","properties":{"target":"a.example","priority":1}},
                              {"name":"b","properties":{"target":"b.example","priority":1}}]}}""")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("BadRequest")
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message)
                        .contains(
                                "monitorConfig.path is required when monitorConfig.protocol is HTTPS",
                                "intervalInSeconds must be 10 or 30",
                                "toleratedNumberOfFailures must be 0-9",
                                "priority 1 is used by another endpoint"));
        send("PUT", "/api/profiles/bad", "{\"properties\":{\"monitorConfig\":{\"protocol\":\"UDP\"}}}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message)
                        .contains("monitorConfig.protocol must be HTTP, HTTPS or TCP, not 'UDP'"));
        client.put()
                .uri("/api/profiles/bad")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("AuthenticationFailed");
        client.get().uri("/api/profiles/bad").exchange().expectStatus().isNotFound();
    }

    @Test
    void patchMergesIntoTheProfileAndKeepsWhatItDoesNotName() {
        send("PATCH", "/api/profiles/contoso", "{\"properties\":{\"dnsConfig\":{\"ttl\":12}}}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.dnsConfig.ttl")
                .isEqualTo(12)
                .jsonPath("$.properties.monitorConfig.intervalInSeconds")
                .isEqualTo(5)
                .jsonPath("$.properties.emulator.fastProbing")
                .isEqualTo(true)
                .jsonPath("$.properties.endpoints.length()")
                .isEqualTo(2);

        send("PATCH", "/api/profiles/contoso", "{\"properties\":{\"emulator\":{\"fastProbing\":false}}}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).contains("intervalInSeconds must be 10 or 30"));
    }

    @Test
    void endpointsAreCreatedChangedAndDeletedOneByOne() {
        send(
                        "PUT",
                        "/api/profiles/contoso/endpoints/eastus",
                        "{\"properties\":{\"target\":\"contoso-eus.example\",\"endpointLocation\":\"East US\"}}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("eastus")
                .jsonPath("$.type")
                .isEqualTo("Microsoft.Network/trafficManagerProfiles/externalEndpoints")
                .jsonPath("$.properties.priority")
                .isEqualTo(3);

        send("PATCH", "/api/profiles/contoso/endpoints/eastus", "{\"properties\":{\"priority\":1}}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).contains("priority 1 is used by another endpoint"));
        send("PATCH", "/api/profiles/contoso/endpoints/eastus", "{\"properties\":{\"endpointStatus\":\"Disabled\"}}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.endpointStatus")
                .isEqualTo("Disabled")
                .jsonPath("$.properties.endpointMonitorStatus")
                .isEqualTo("Disabled")
                .jsonPath("$.properties.target")
                .isEqualTo("contoso-eus.example");

        send("DELETE", "/api/profiles/contoso/endpoints/eastus", null)
                .expectStatus()
                .isOk();
        client.get()
                .uri("/api/profiles/contoso/endpoints/eastus")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("ResourceNotFound");
        send("DELETE", "/api/profiles/contoso/endpoints/eastus", null)
                .expectStatus()
                .isNoContent();
    }

    @Test
    void aReportedScalingDecisionJoinsTheEventListBesideTheStatusChanges() {
        send("PUT", "/api/profiles/scaled", """
                {"location":"global","properties":{"dnsConfig":{"relativeName":"scaled"},
                 "endpoints":[{"name":"northeurope","type":"Microsoft.Network/trafficManagerProfiles/externalEndpoints",
                               "properties":{"target":"localhost:9"}}]}}""").expectStatus().isCreated();
        send(
                        "PATCH",
                        "/api/profiles/scaled/endpoints/northeurope",
                        "{\"properties\":{\"endpointStatus\":\"Disabled\"}}")
                .expectStatus()
                .isOk();
        send("POST", "/api/profiles/scaled/events", """
                {"kind":"Scale","endpoint":"northeurope","reason":"12.0 requests/s above 10 for 30s",
                 "instances":{"from":1,"to":2}}""")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.kind")
                .isEqualTo("Scale")
                .jsonPath("$.instances.to")
                .isEqualTo(2);

        client.get()
                .uri("/api/profiles/scaled/events")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.value[0].kind")
                .isEqualTo("Scale")
                .jsonPath("$.value[0].endpoint")
                .isEqualTo("northeurope")
                .jsonPath("$.value[0].reason")
                .isEqualTo("12.0 requests/s above 10 for 30s")
                .jsonPath("$.value[0].instances.from")
                .isEqualTo(1)
                .jsonPath("$.value[0].instances.to")
                .isEqualTo(2)
                .jsonPath("$.value[0].time")
                .isNotEmpty()
                .jsonPath("$.value[1].kind")
                .isEqualTo("StatusChange")
                .jsonPath("$.value[1].newStatus")
                .isEqualTo("Disabled")
                .jsonPath("$.value[1].reason")
                .isEqualTo("endpointStatus set to Disabled");
    }

    @Test
    void aScalingReportNeedsTheAdminKeyAKnownEndpointAndWholeCounts() {
        client.post()
                .uri("/api/profiles/contoso/events")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"endpoint\":\"northeurope\",\"reason\":\"r\",\"instances\":{\"from\":1,\"to\":2}}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        send(
                        "POST",
                        "/api/profiles/contoso/events",
                        "{\"endpoint\":\"nowhere\",\"reason\":\"r\",\"instances\":{\"from\":1,\"to\":2}}")
                .expectStatus()
                .isNotFound();
        send(
                        "POST",
                        "/api/profiles/contoso/events",
                        "{\"endpoint\":\"northeurope\",\"reason\":\"r\",\"instances\":{\"from\":1,\"to\":\"two\"}}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("BadRequest");
        send(
                        "POST",
                        "/api/profiles/contoso/events",
                        "{\"kind\":\"StatusChange\",\"endpoint\":\"northeurope\",\"reason\":\"r\",\"instances\":{\"from\":1,\"to\":2}}")
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void endpointsPutAtTheSameTimeAreAllKept() throws Exception {
        // The Azure SDK's fluent create() PUTs a new profile's endpoints side by side; each PUT reads the profile,
        // adds its endpoint and saves the profile, so two at once must not lose one another's endpoint.
        send("PUT", "/api/profiles/northwind", """
                {"location":"global","properties":{"dnsConfig":{"relativeName":"northwind"},
                 "endpoints":[{"name":"first","type":"Microsoft.Network/trafficManagerProfiles/externalEndpoints",
                               "properties":{"target":"northwind-1.example","priority":1}}]}}""").expectStatus().isCreated();
        int endpoints = 16;
        List<Callable<Integer>> puts = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            String body =
                    "{\"properties\":{\"target\":\"northwind-e" + i + ".example\",\"priority\":" + (10 + i) + "}}";
            String uri = "/api/profiles/northwind/endpoints/e" + i;
            puts.add(() -> send("PUT", uri, body).returnResult().getStatus().value());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Integer> status : pool.invokeAll(puts)) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        send("GET", "/api/profiles/northwind", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.endpoints.length()")
                .isEqualTo(endpoints + 1);
    }
}
