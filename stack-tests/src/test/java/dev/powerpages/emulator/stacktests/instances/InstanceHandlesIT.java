package dev.powerpages.emulator.stacktests.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.testkit.AppNode;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import dev.powerpages.emulator.testkit.SteadyVisitor;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The test kit's instance handles ({@code @PowerPagesStackTest(instances = 2)}, {@code region(..).instance(n)}): an
 * instance is not a region. Killing one northeurope instance under steady traffic fails no visitor and leaves
 * northeurope Online for longer than a failover would take; killing both fails the region over, as a region with one
 * node does; restarting them brings the traffic back.
 */
@PowerPagesStackTest(instances = 2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstanceHandlesIT {

    private static final Duration VISITOR_PERIOD = Duration.ofMillis(100);

    private PowerPagesStack stack;

    @BeforeAll
    void keepStack(PowerPagesStack stack) {
        this.stack = stack;
    }

    @Test
    @Order(1)
    void eachRegionServesFromItsOwnInstancesBehindTheRegionsAddress() {
        AppNode north = stack.region("northeurope");

        assertThat(north.instances()).hasSize(2);
        assertThat(north.instance(2).get("/").node()).hasValue("northeurope-2");
        assertThat(north.health().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(stack.site().get("/").node())
                        .hasValueSatisfying(node -> assertThat(node).startsWith("northeurope-")));
    }

    @Test
    @Order(2)
    void killingOneInstanceFailsNoVisitorAndTheRegionStaysOnline() throws InterruptedException {
        AppNode north = stack.region("northeurope");
        Duration failover = stack.trafficManager().failoverBound();
        try (SteadyVisitor visitor = stack.site().startVisitor("/", VISITOR_PERIOD)) {
            long killedAt = System.nanoTime();
            north.instance(1).kill();

            // Longer than the region would take to fail over if the instance were the region.
            Thread.sleep(failover.toMillis());

            assertThat(visitor.since(killedAt))
                    .isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.region())
                            .as("request at %d: %s", sample.atNanos(), sample)
                            .isEqualTo("northeurope"));
            assertThat(visitor.failuresSince(killedAt)).isZero();
            assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Online");
            assertThat(stack.site().get("/").node()).hasValue("northeurope-2");
        } finally {
            north.instance(1).restart();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(north.health().status()).isEqualTo(200));
    }

    @Test
    @Order(3)
    void killingEveryInstanceOfTheRegionFailsItOverAndRestartingThemBringsTheTrafficBack() {
        AppNode north = stack.region("northeurope");
        try (SteadyVisitor visitor = stack.site().startVisitor("/", VISITOR_PERIOD)) {
            long killedAt = System.nanoTime();
            north.instance(1).kill();
            north.instance(2).kill();

            visitor.awaitServedBy("westeurope", killedAt, stack.timeouts().routingChange());
            stack.awaitEndpointStatus("northeurope", "Degraded");

            long restoredAt = System.nanoTime();
            north.instance(1).restart();
            north.instance(2).restart();
            visitor.awaitServedBy(
                    "northeurope",
                    restoredAt,
                    stack.trafficManager().failbackBound().plus(stack.timeouts().slack()));
        }
    }
}
