package dev.powerpages.emulator.regionfront.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The front under docker compose, whole: no instance list, the service's name resolved by a stub resolver to two fake
 * replicas (MockWebServer on 127.0.0.1 and 127.0.0.2, one port). Traffic spreads over both; a replica killed while
 * the name still resolves to it costs no GET, and once the name drops it the region serves from the other alone and
 * stays healthy.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "front.discovery.mode=dns",
            "front.discovery.name=app-node-northeurope",
            "front.discovery.interval=200ms"
        })
class DnsDiscoveredPoolTest {

    static final Replica FIRST = new Replica("127.0.0.1", 0, "northeurope-aaaaaaaaaaaa");
    static final Replica SECOND = new Replica("127.0.0.2", FIRST.server.getPort(), "northeurope-bbbbbbbbbbbb");
    static volatile List<String> resolvesTo = List.of("127.0.0.1", "127.0.0.2");

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        registry.add("front.region", () -> "northeurope");
        registry.add("front.discovery.port", FIRST.server::getPort);
    }

    /** Docker's embedded DNS, as far as the front asks it: the service's name answers every replica's address. */
    @TestConfiguration
    static class StubDns {
        @Bean
        InstanceLookup stubDns() {
            return name -> {
                if (!name.equals("app-node-northeurope") || resolvesTo.isEmpty()) {
                    throw new UnknownHostException(name);
                }
                InetAddress[] addresses = new InetAddress[resolvesTo.size()];
                for (int i = 0; i < addresses.length; i++) {
                    addresses[i] = InetAddress.getByName(resolvesTo.get(i));
                }
                return addresses;
            };
        }
    }

    @Autowired
    RegionInstances pool;

    WebTestClient client;

    @Autowired
    void client(@LocalServerPort int port) {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        FIRST.server.close();
        SECOND.server.close();
    }

    @Test
    void replicasComposeStartedServeTheRegionAndAKilledOneCostsNoGet() {
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.all().size() == 2);
        // Both replicas are in the load balancer's healthy list once its first checks have run.
        await().atMost(Duration.ofSeconds(10)).until(() -> nodesAnswering(20).size() == 2);

        SECOND.server.close(); // docker kill: the name still resolves to it until Docker's DNS drops it
        assertThat(nodesAnswering(30)).containsExactly("northeurope-aaaaaaaaaaaa");

        resolvesTo = List.of("127.0.0.1");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(pool.all())
                        .extracting(i -> i.getInstanceId())
                        .containsExactly("northeurope-aaaaaaaaaaaa"));
        client.get()
                .uri("/_services/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.instances.length()")
                .isEqualTo(1);
    }

    /** Sends GETs, each of which must succeed, and collects the X-PP-Node of the answers. */
    private Set<String> nodesAnswering(int gets) {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < gets; i++) {
            nodes.add(client.get()
                    .uri("/about/")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst("X-PP-Node"));
        }
        return nodes;
    }

    /** A replica of app-node-northeurope: its own address, the service's port, its node name on every answer. */
    static final class Replica {

        final MockWebServer server = new MockWebServer();

        Replica(String address, int port, String node) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getTarget().equals("/_services/health")
                            ? "{\"status\":\"Healthy\",\"region\":\"northeurope\",\"node\":\"" + node + "\"}"
                            : "{\"page\":\"about\"}";
                    return new MockResponse.Builder()
                            .code(200)
                            .addHeader("Content-Type", "application/json")
                            .addHeader("X-PP-Node", node)
                            .body(body)
                            .build();
                }
            });
            try {
                server.start(InetAddress.getByName(address), port);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
