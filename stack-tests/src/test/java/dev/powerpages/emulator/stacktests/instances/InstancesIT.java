package dev.powerpages.emulator.stacktests.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.stacktests.StackScript;
import dev.powerpages.emulator.stacktests.StackScript.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./stack up --instances 2} as a user runs it, on free ports: two app-node instances per region behind each
 * region's front. A northeurope instance killed with SIGKILL under steady traffic through the gateway costs no GET and
 * leaves northeurope Online at the traffic manager; killing the other one fails the region over to westeurope as a
 * region with one node does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstancesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The demo profile's failover bound (docs/testkit.md: 18 s) with room for a loaded machine. */
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StackScript script;

    /** One GET through the gateway: when it started, its status (0: no answer) and the node that answered. */
    record Visit(long startedNanos, int status, String region, String node, String failure) {}

    @BeforeAll
    void up() throws IOException {
        script = new StackScript(Path.of("target", "stack-instances"), Duration.ofMinutes(12))
                .with("START_TIMEOUT", "600");
        Run up = stack("up", "-d", "--instances", "2");
        assertThat(up.status())
                .as("./stack up -d --instances 2; stderr:%n%s", up.err())
                .isZero();
    }

    @AfterAll
    void down() {
        if (script != null) {
            stack("down");
        }
    }

    @Test
    @Order(1)
    void psShowsEveryInstanceAndTheFrontOnEachRegionsPort() {
        String ps = stack("ps").out();

        assertThat(ps.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("SERVICE", "PORT", "PID", "STATE", "LOG");
        for (String instance : List.of(
                "app-node-northeurope-1", "app-node-northeurope-2", "app-node-westeurope-1", "app-node-westeurope-2")) {
            assertThat(row(ps, instance)).as(instance).contains("healthy");
        }
        assertThat(row(ps, "region-front-northeurope").split("\\s+")[1]).isEqualTo(script.get("NORTHEUROPE_PORT"));
        assertThat(row(ps, "region-front-westeurope").split("\\s+")[1]).isEqualTo(script.get("WESTEUROPE_PORT"));
    }

    @Test
    @Order(2)
    void killingOneNortheuropeInstanceFailsNoGetAndLeavesNortheuropeOnline() throws Exception {
        List<Visit> visits = new CopyOnWriteArrayList<>();
        long killedAt;
        try (Visitor visitor = new Visitor(visits)) {
            awaitVisits(visits, 20);
            killedAt = System.nanoTime();
            kill("app-node-northeurope-1");
            // past the traffic manager's failover bound: had the region failed its probe, traffic would have moved
            Thread.sleep(25_000);
        }
        List<Visit> after =
                visits.stream().filter(v -> v.startedNanos() > killedAt).toList();
        System.out.println("INSTANCE-KILLED visits " + visits.size() + ", after the kill " + after.size());

        assertThat(visits)
                .allSatisfy(
                        visit -> assertThat(visit.status()).as(visit.toString()).isEqualTo(200));
        assertThat(visits).extracting(Visit::region).containsOnly("northeurope");
        assertThat(visits).extracting(Visit::node).contains("northeurope-1", "northeurope-2");
        assertThat(after).hasSizeGreaterThan(50).extracting(Visit::node).containsOnly("northeurope-2");
        assertThat(endpointStatus("northeurope")).isEqualTo("Online");
        assertThat(row(stack("ps").out(), "app-node-northeurope-1")).contains("stopped");
    }

    @Test
    @Order(3)
    void killingTheRegionsLastInstanceFailsTheRegionOverToWesteurope() throws Exception {
        kill("app-node-northeurope-2");
        long deadline = System.nanoTime() + FAILOVER_WAIT.toNanos();
        String region = null;
        while (System.nanoTime() < deadline && !"westeurope".equals(region)) {
            Visit visit = visit(System.nanoTime());
            region = visit.status() == 200 ? visit.region() : null;
            Thread.sleep(200);
        }
        assertThat(region)
                .as("the region serving the site %s after the last instance died", FAILOVER_WAIT)
                .isEqualTo("westeurope");
        assertThat(endpointStatus("northeurope")).isEqualTo("Degraded");
        assertThat(get("http://localhost:" + script.get("NORTHEUROPE_PORT") + "/_services/health")
                        .statusCode())
                .isEqualTo(503);
    }

    @Test
    @Order(4)
    void downStopsEveryProcess() {
        assertThat(stack("down").status()).isZero();

        String ps = stack("ps").out();
        assertThat(ps).doesNotContain("healthy").doesNotContain("starting");
        assertThat(ps).contains("app-node-northeurope").doesNotContain("app-node-westeurope-1");
    }

    /** GETs of the home page through the gateway, one after another every 50 ms, on a thread of its own. */
    private final class Visitor implements AutoCloseable {

        private final Thread thread;
        private volatile boolean running = true;

        Visitor(List<Visit> visits) {
            thread = new Thread(
                    () -> {
                        while (running) {
                            visits.add(visit(System.nanoTime()));
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "instances-visitor");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(15_000);
        }
    }

    private Visit visit(long started) {
        try {
            HttpResponse<String> page = get("http://localhost:" + script.get("GATEWAY_PORT") + "/");
            return new Visit(
                    started,
                    page.statusCode(),
                    page.headers().firstValue("X-PP-Region").orElse(""),
                    page.headers().firstValue("X-PP-Node").orElse(""),
                    null);
        } catch (IOException e) {
            return new Visit(started, 0, "", "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Visit(started, 0, "", "", e.toString());
        }
    }

    private static void awaitVisits(List<Visit> visits, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (visits.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private String endpointStatus(String endpoint) throws IOException, InterruptedException {
        JsonNode profile =
                JSON.readTree(get("http://localhost:" + script.get("TRAFFIC_MANAGER_PORT") + "/api/profiles/contoso")
                        .body());
        for (JsonNode candidate : profile.path("properties").path("endpoints")) {
            if (endpoint.equals(candidate.path("name").asString())) {
                return candidate
                        .path("properties")
                        .path("endpointMonitorStatus")
                        .asString();
            }
        }
        throw new AssertionError("no endpoint " + endpoint + " in " + profile);
    }

    /** SIGKILL, as a crash: the pid ./stack recorded for the service. */
    private void kill(String service) throws IOException, InterruptedException {
        String pid = Files.readString(script.work().resolve("stack/pids/" + service + ".pid"))
                .trim();
        Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static String row(String ps, String service) {
        return ps.lines()
                .filter(line -> line.startsWith(service + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + service + " in\n" + ps));
    }

    private Run stack(String... args) {
        return script.run(args);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
