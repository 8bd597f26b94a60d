package dev.powerpages.emulator.regionfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The front before three instances of northeurope: two answering (fake app nodes) and one whose port refuses
 * connections, as a killed instance's does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RegionFrontTest {

    static final FakeInstance FIRST = new FakeInstance("northeurope-1");
    static final FakeInstance SECOND = new FakeInstance("northeurope-2");
    static final int DEAD_PORT = freePort();

    WebTestClient client;

    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("front.region", () -> "northeurope");
        registry.add("front.instances", () -> FIRST.url() + "," + SECOND.url() + ",http://localhost:" + DEAD_PORT);
    }

    @Autowired
    void client(@LocalServerPort int port) {
        this.port = port;
        client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void healthyAgain() {
        FIRST.healthStatus = 200;
        SECOND.healthStatus = 200;
        FIRST.requests.clear();
        SECOND.requests.clear();
    }

    @AfterAll
    static void stop() {
        FIRST.server.close();
        SECOND.server.close();
    }

    @Test
    void everyGetIsServedAndSpreadOverTheInstancesWhileOneInstanceIsDown() {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            nodes.add(client.get()
                    .uri("/about/")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst("X-PP-Node"));
        }
        assertThat(nodes).containsExactlyInAnyOrder("northeurope-1", "northeurope-2");
    }

    @Test
    void regionStaysHealthyWhileOneInstanceCanServe() {
        FIRST.healthStatus = 503;
        Map<String, Object> health = health(200);
        assertThat(health).containsEntry("status", "Healthy").containsEntry("node", "northeurope-2");
        List<?> instances = (List<?>) health.get("instances");
        assertThat(instances)
                .extracting(row -> (Object) ((Map<?, ?>) row).get("status"))
                .containsExactly("Unhealthy", "Healthy", "Unreachable");
    }

    @Test
    void regionFailsItsProbeWhenNoInstanceCanServe() {
        FIRST.healthStatus = 503;
        SECOND.healthStatus = 503;
        Map<String, Object> health = health(503);
        assertThat(health).containsEntry("status", "Unhealthy").containsEntry("region", "northeurope");
        assertThat(health.get("reasons").toString())
                .contains("northeurope-1: Unhealthy", "northeurope-2: Unhealthy", "northeurope-3: ");
    }

    @Test
    void chaosOnTheRegionReachesEveryInstanceWithTheAdminKey() {
        client.put()
                .uri("/_services/chaos")
                .header("X-Admin-Key", "emulator-admin-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"failHealth\":true}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-PP-Instances-Reached", "2/3")
                .expectBody()
                .jsonPath("$.node")
                .isEqualTo("northeurope-1");
        for (FakeInstance instance : List.of(FIRST, SECOND)) {
            assertThat(instance.requests).anySatisfy(request -> {
                assertThat(request.getMethod()).isEqualTo("PUT");
                assertThat(request.getTarget()).isEqualTo("/_services/chaos");
                assertThat(request.getHeaders().get("X-Admin-Key")).isEqualTo("emulator-admin-key");
                assertThat(request.getBody().utf8()).isEqualTo("{\"failHealth\":true}");
            });
        }
    }

    @Test
    void theInstanceSeesTheHostAndForwardedHeadersTheGatewaySent() {
        client.get()
                .uri("/")
                .header("Host", "localhost:8081")
                .header("X-Forwarded-Host", "localhost:8080")
                .header("X-Forwarded-Proto", "https")
                .exchange()
                .expectStatus()
                .isOk();
        RecordedRequest seen = List.of(FIRST, SECOND).stream()
                .flatMap(i -> i.requests.stream())
                .filter(r -> r.getTarget().equals("/"))
                .findFirst()
                .orElseThrow();
        assertThat(seen.getHeaders().get("Host")).isEqualTo("localhost:8081");
        assertThat(seen.getHeaders().get("X-Forwarded-Host")).isEqualTo("localhost:8080");
        assertThat(seen.getHeaders().get("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void aVisitorsUnusualUrlReachesAnInstanceAsTheEdgeSentIt() {
        // Encoded and matrix-like characters that Spring Security's strict firewall would refuse with 400: what the
        // edge let through is the instance's to answer (the front's FrontFirewall).
        String target = "/search/;jsessionid=1?q=%2e%2e%2fetc%25";
        client.get()
                .uri(java.net.URI.create("http://localhost:" + port + target))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(List.of(FIRST, SECOND).stream().flatMap(i -> i.requests.stream()))
                .anySatisfy(request -> assertThat(request.getTarget()).isEqualTo(target));
    }

    private Map<String, Object> health(int status) {
        return client.get()
                .uri("/_services/health")
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An app-node instance: its probe answers {@code healthStatus}; pages and chaos answer 200 naming the node. */
    static final class FakeInstance {

        final MockWebServer server = new MockWebServer();
        final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        volatile int healthStatus = 200;

        FakeInstance(String node) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getTarget().equals("/_services/health")) {
                        String status = healthStatus == 200 ? "Healthy" : "Unhealthy";
                        return json(
                                healthStatus,
                                "{\"status\":\"" + status + "\",\"region\":\"northeurope\",\"node\":\"" + node
                                        + "\",\"reasons\":[]}");
                    }
                    requests.add(request);
                    return json(200, "{\"node\":\"" + node + "\"}")
                            .newBuilder()
                            .addHeader("X-PP-Node", node)
                            .build();
                }
            });
            try {
                server.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://localhost:" + server.getPort();
        }

        private static MockResponse json(int status, String body) {
            return new MockResponse.Builder()
                    .code(status)
                    .addHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
        }
    }
}
