package dev.powerpages.emulator.stacktests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.testkit.AppNode;
import dev.powerpages.emulator.testkit.HttpResult;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import dev.powerpages.emulator.testkit.StackMode;
import dev.powerpages.emulator.testkit.SteadyVisitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack as five real processes on loopback (the test kit's local-processes mode): a visitor's
 * request travels gateway → traffic manager's choice → app node → metadata store. The tests break
 * the primary region the two ways a region fails (it answers its health probe with 503, or it
 * disappears) and measure how long visitors are sent to it, against the bound the README documents:
 * {@code (toleratedNumberOfFailures + 1) × intervalInSeconds + timeoutInSeconds + ttl}.
 */
// Child processes, not the in-process default: the "killed" scenario measures what visitors see
// when a process dies (SIGKILL), which only a process of its own can do for real.
@PowerPagesStackTest(mode = StackMode.LOCAL_PROCESSES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    private static final Duration VISITOR_PERIOD = Duration.ofMillis(100);
    private static final Path REPORT = Path.of("target", "failover-report.txt");

    private PowerPagesStack stack;

    @BeforeAll
    void keepStack(PowerPagesStack stack) throws IOException {
        this.stack = stack;
        Files.deleteIfExists(REPORT);
    }

    @Test
    @Order(1)
    void servesTheHomePageFromThePrimaryRegionThroughTheWholeStack() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            HttpResult home = stack.site().get("/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(home.body()).contains("<html").contains("Contoso");
            assertThat(home.region()).hasValue("northeurope");
            assertThat(home.node()).isPresent();
        });
    }

    @Test
    @Order(2)
    void failsOverWhenThePrimaryAnswersItsProbesWith503AndFailsBackWhenItRecovers() throws IOException {
        Duration bound = stack.trafficManager().failoverBound();
        Duration failbackBound = stack.trafficManager().failbackBound();
        AppNode primary = stack.primary();
        try (SteadyVisitor visitor = stack.site().startVisitor("/", VISITOR_PERIOD)) {
            long brokenAt = System.nanoTime();
            primary.failHealth();

            long movedAt = visitor.awaitServedBy("westeurope", brokenAt, bound.plusSeconds(10));
            assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Degraded");
            Duration failover = Duration.ofNanos(movedAt - brokenAt);
            report("primary answers 503", failover, bound, visitor.since(brokenAt));
            assertThat(failover).isLessThanOrEqualTo(bound);

            long restoredAt = System.nanoTime();
            primary.clearFaults();
            long backAt = visitor.awaitServedBy("northeurope", restoredAt, bound.plusSeconds(10));
            Duration failback = Duration.ofNanos(backAt - restoredAt);
            report("failback after the primary recovers", failback, failbackBound, visitor.since(restoredAt));
            assertThat(failback).isLessThanOrEqualTo(failbackBound);
        }
    }

    @Test
    @Order(3)
    void failsOverWhenThePrimaryProcessIsKilled() throws Exception {
        Duration bound = stack.trafficManager().failoverBound();
        stack.awaitServedBy("northeurope", Duration.ofSeconds(30));
        try (SteadyVisitor visitor = stack.site().startVisitor("/", VISITOR_PERIOD)) {
            Thread.sleep(1_000);
            long killedAt = System.nanoTime();
            stack.primary().kill();

            long movedAt = visitor.awaitServedBy("westeurope", killedAt, bound.plusSeconds(10));
            Duration failover = Duration.ofNanos(movedAt - killedAt);
            List<SteadyVisitor.Sample> samples = visitor.since(killedAt);
            report("primary process killed (SIGKILL)", failover, bound, samples);
            assertThat(failover).isLessThanOrEqualTo(bound);

            // Once moved, visitors stay on the secondary: every request after the switch succeeds.
            Thread.sleep(2_000);
            assertThat(visitor.since(movedAt)).allSatisfy(sample -> {
                assertThat(sample.succeeded()).as(sample.toString()).isTrue();
                assertThat(sample.region()).isEqualTo("westeurope");
            });
            assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Degraded");
        }
    }

    private void report(String scenario, Duration measured, Duration bound, List<SteadyVisitor.Sample> samples)
            throws IOException {
        long failed = samples.stream().filter(sample -> !sample.succeeded()).count();
        String line = String.format(
                "FAILOVER %-38s %6d ms (documented bound %d s); %d of %d visitor requests failed (one every %d ms)%n",
                scenario, measured.toMillis(), bound.toSeconds(), failed, samples.size(), VISITOR_PERIOD.toMillis());
        System.out.print(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
