package dev.powerpages.emulator.stacktests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
 * The whole stack as five real processes on loopback: a visitor's request travels gateway →
 * traffic manager's choice → app node → metadata store. The tests break the primary region the
 * two ways a region fails (it answers its health probe with 503, or it disappears) and measure
 * how long visitors are sent to it, against the bound the README documents:
 * {@code (toleratedNumberOfFailures + 1) × intervalInSeconds + timeoutInSeconds + ttl}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    private static final Duration VISITOR_PERIOD = Duration.ofMillis(100);
    private static final Path REPORT = Path.of("target", "failover-report.txt");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private LocalStack stack;

    @BeforeAll
    void startStack() throws IOException {
        stack = LocalStack.start();
        Files.deleteIfExists(REPORT);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void servesTheHomePageFromThePrimaryRegionThroughTheWholeStack() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> home = get(stack.gateway().url("/"));
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(home.body()).contains("<html").contains("Contoso");
            assertThat(home.headers().firstValue("X-PP-Region")).hasValue("northeurope");
            assertThat(home.headers().firstValue("X-PP-Node")).isPresent();
        });
    }

    @Test
    @Order(2)
    void failsOverWhenThePrimaryAnswersItsProbesWith503AndFailsBackWhenItRecovers() throws Exception {
        Duration bound = documentedFailoverBound();
        ServiceProcess primary = stack.service("northeurope");
        try (TrafficRecorder visitor = new TrafficRecorder(stack.gateway().url("/"), VISITOR_PERIOD)) {
            long brokenAt = System.nanoTime();
            chaos(primary, "PUT", "{\"failHealth\": true}");

            long movedAt = awaitServedBy(visitor, "westeurope", brokenAt, bound.plusSeconds(10));
            assertThat(endpointMonitorStatus("northeurope")).isEqualTo("Degraded");
            Duration failover = Duration.ofNanos(movedAt - brokenAt);
            report("primary answers 503", failover, bound, visitor.since(brokenAt));
            assertThat(failover).isLessThanOrEqualTo(bound);

            long restoredAt = System.nanoTime();
            chaos(primary, "DELETE", null);
            long backAt = awaitServedBy(visitor, "northeurope", restoredAt, bound.plusSeconds(10));
            Duration failback = Duration.ofNanos(backAt - restoredAt);
            report("failback after the primary recovers", failback, failbackBound(), visitor.since(restoredAt));
            assertThat(failback).isLessThanOrEqualTo(failbackBound());
        }
    }

    @Test
    @Order(3)
    void failsOverWhenThePrimaryProcessIsKilled() throws Exception {
        Duration bound = documentedFailoverBound();
        awaitServedByNow("northeurope");
        try (TrafficRecorder visitor = new TrafficRecorder(stack.gateway().url("/"), VISITOR_PERIOD)) {
            ServiceProcess.sleep(Duration.ofSeconds(1));
            long killedAt = System.nanoTime();
            stack.service("northeurope").kill();

            long movedAt = awaitServedBy(visitor, "westeurope", killedAt, bound.plusSeconds(10));
            Duration failover = Duration.ofNanos(movedAt - killedAt);
            List<TrafficRecorder.Sample> samples = visitor.since(killedAt);
            report("primary process killed (SIGKILL)", failover, bound, samples);
            assertThat(failover).isLessThanOrEqualTo(bound);

            // Once moved, visitors stay on the secondary: every request after the switch succeeds.
            ServiceProcess.sleep(Duration.ofSeconds(2));
            assertThat(visitor.since(movedAt)).allSatisfy(sample -> {
                assertThat(sample.succeeded()).as(sample.toString()).isTrue();
                assertThat(sample.region()).isEqualTo("westeurope");
            });
            assertThat(endpointMonitorStatus("northeurope")).isEqualTo("Degraded");
        }
    }

    /** The README's worst case: (tolerated + 1) probes, each up to its timeout, then the gateway's cached answer expires. */
    private Duration documentedFailoverBound() throws IOException, InterruptedException {
        JsonNode properties = profile().get("properties");
        JsonNode monitor = properties.get("monitorConfig");
        long interval = monitor.get("intervalInSeconds").asLong();
        long timeout = monitor.get("timeoutInSeconds").asLong();
        long tolerated = monitor.get("toleratedNumberOfFailures").asLong();
        long ttl = properties.get("dnsConfig").get("ttl").asLong();
        return Duration.ofSeconds((tolerated + 1) * interval + timeout + ttl);
    }

    /** The first successful probe restores the endpoint, then the gateway's cached answer expires. */
    private Duration failbackBound() throws IOException, InterruptedException {
        JsonNode properties = profile().get("properties");
        return Duration.ofSeconds(properties.get("monitorConfig").get("intervalInSeconds").asLong()
                + properties.get("monitorConfig").get("timeoutInSeconds").asLong()
                + properties.get("dnsConfig").get("ttl").asLong());
    }

    private long awaitServedBy(TrafficRecorder visitor, String region, long sinceNanos, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(
                () -> visitor.since(sinceNanos).stream()
                        .filter(sample -> sample.succeeded() && region.equals(sample.region()))
                        .findFirst()
                        .map(TrafficRecorder.Sample::atNanos),
                Optional::isPresent).orElseThrow();
    }

    private void awaitServedByNow(String region) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(stack.gateway().url("/")).headers().firstValue("X-PP-Region")).hasValue(region));
    }

    private String endpointMonitorStatus(String endpoint) throws IOException, InterruptedException {
        for (JsonNode candidate : profile().get("properties").get("endpoints")) {
            if (endpoint.equals(candidate.get("name").asString())) {
                return candidate.get("properties").get("endpointMonitorStatus").asString();
            }
        }
        throw new AssertionError("no endpoint " + endpoint + " in the contoso profile");
    }

    private JsonNode profile() throws IOException, InterruptedException {
        HttpResponse<String> response = get(stack.trafficManager().url("/api/profiles/contoso"));
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void chaos(ServiceProcess node, String method, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.url("/_services/chaos"))
                .header("X-Admin-Key", LocalStack.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void report(String scenario, Duration measured, Duration bound, List<TrafficRecorder.Sample> samples)
            throws IOException {
        long failed = samples.stream().filter(sample -> !sample.succeeded()).count();
        String line = String.format("FAILOVER %-38s %6d ms (documented bound %d s); %d of %d visitor requests failed (one every %d ms)%n",
                scenario, measured.toMillis(), bound.toSeconds(), failed, samples.size(), VISITOR_PERIOD.toMillis());
        System.out.print(line);
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
