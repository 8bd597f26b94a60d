package dev.powerpages.emulator.regionfront.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.regionfront.instances.InFlightRequests;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The autoscaler over a pool of fake app nodes (MockWebServer): load above the capacity of one instance for the window
 * starts a second, which joins the rotation once healthy and is reported to the traffic manager; idleness takes it out,
 * drains it (a slow request already sent to it finishes) and stops it, and no GET fails on the way.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "front.scale.enabled=true",
            "front.scale.capacity=4",
            "front.scale.min=1",
            "front.scale.max=2",
            "front.scale.scale-out-window=2s",
            "front.scale.scale-in-window=3s",
            "front.scale.cool-down=1s",
            "front.scale.rate-period=2s",
            "front.scale.evaluate-every=200ms",
            "front.scale.drain-timeout=10s"
        })
class AutoscalerPoolTest {

    static final Instance GIVEN = new Instance("northeurope-1", Duration.ZERO);
    static final MockWebServer TRAFFIC_MANAGER = new MockWebServer();
    static final Map<String, Instance> LAUNCHED = new ConcurrentHashMap<>();

    static {
        try {
            TRAFFIC_MANAGER.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(201).build();
                }
            });
            TRAFFIC_MANAGER.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("front.region", () -> "northeurope");
        registry.add("front.instances", GIVEN::url);
        registry.add("front.scale.events.traffic-manager-url", () -> "http://localhost:" + TRAFFIC_MANAGER.getPort());
    }

    /** Starts a fake app node where ./stack's launch command would start a process; its pages answer in 300 ms. */
    @TestConfiguration
    static class FakeLaunches {
        @Bean
        @Primary
        InstanceLauncher fakeLauncher(InFlightRequests inFlight) {
            return new InstanceLauncher() {
                @Override
                public LaunchedInstance start(String region, int number) {
                    Instance instance = new Instance(region + "-" + number, Duration.ofMillis(300));
                    LAUNCHED.put(instance.node, instance);
                    return new LaunchedInstance() {
                        @Override
                        public URI url() {
                            return URI.create(instance.url());
                        }

                        @Override
                        public String describe() {
                            return "mock web server";
                        }

                        @Override
                        public void stop() {
                            instance.inFlightAtStop = inFlight.of(instance.node);
                            instance.stopped.set(true);
                            instance.server.close();
                        }
                    };
                }

                @Override
                public String unavailableBecause() {
                    return null;
                }
            };
        }
    }

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
        GIVEN.server.close();
        TRAFFIC_MANAGER.close();
    }

    @Test
    void loadAboveCapacityAddsAnInstanceThatJoinsTheRotationAndIdlenessDrainsAndRemovesIt() throws Exception {
        List<String> nodes = new CopyOnWriteArrayList<>();
        // About 10 requests/s against a capacity of 4 per instance, until the second instance serves.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    nodes.add(get("/about/"));
                    return nodes.contains("northeurope-2");
                });
        assertThat(LAUNCHED).containsOnlyKeys("northeurope-2");
        Map<?, ?> scale = scale();
        assertThat(scale.get("instances")).isEqualTo(2);
        assertThat((List<?>) scale.get("pool"))
                .extracting(row -> ((Map<?, ?>) row).get("name") + " " + ((Map<?, ?>) row).get("state"))
                .containsExactly("northeurope-1 InRotation", "northeurope-2 InRotation");
        assertThat((List<?>) scale.get("decisions"))
                .first()
                .satisfies(d -> assertThat(((Map<?, ?>) d).get("direction") + " " + ((Map<?, ?>) d).get("from") + " "
                                + ((Map<?, ?>) d).get("to"))
                        .isEqualTo("Out 1 2"));

        RecordedRequest report = TRAFFIC_MANAGER.takeRequest();
        assertThat(report.getTarget()).isEqualTo("/api/profiles/contoso/events");
        assertThat(report.getHeaders().get("X-Admin-Key")).isEqualTo("emulator-admin-key");
        assertThat(report.getBody().utf8())
                .contains("\"kind\":\"Scale\"", "\"endpoint\":\"northeurope\"", "\"from\":1", "\"to\":2");

        // Idle (one slow GET at a time, below the idle share): the added instance is drained and stopped.
        Instance added = LAUNCHED.get("northeurope-2");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    nodes.add(get("/"));
                    return added.stopped.get();
                });
        assertThat(added.inFlightAtStop)
                .as("requests in flight on the instance when it was stopped")
                .isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(get("/")).isEqualTo("northeurope-1");
        }
        assertThat(scale().get("instances")).isEqualTo(1);
        assertThat(TRAFFIC_MANAGER.takeRequest().getBody().utf8()).contains("\"from\":2", "\"to\":1");
    }

    /** A GET through the front; every one must succeed. Returns the node that answered. */
    private String get(String path) {
        return client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-PP-Node");
    }

    private Map<?, ?> scale() {
        return client.get()
                .uri("/_services/scale")
                .header("X-Admin-Key", "emulator-admin-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** A fake app node: healthy, its pages answer naming it after {@code delay}. */
    static final class Instance {

        final String node;
        final MockWebServer server = new MockWebServer();
        final AtomicBoolean stopped = new AtomicBoolean();
        volatile int inFlightAtStop = -1;

        Instance(String node, Duration delay) {
            this.node = node;
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getTarget().equals("/_services/health")) {
                        return new MockResponse.Builder()
                                .code(200)
                                .addHeader("Content-Type", "application/json")
                                .body("{\"status\":\"Healthy\",\"node\":\"" + node + "\"}")
                                .build();
                    }
                    return new MockResponse.Builder()
                            .code(200)
                            .addHeader("X-PP-Node", node)
                            .body("page of " + node)
                            .headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
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
    }
}
