package dev.powerpages.emulator.stacktests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.testkit.HttpResult;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import dev.powerpages.emulator.testkit.TrafficManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each handle of the test kit does to the running stack what it says, seen the way a user's test
 * sees it. The stack is shared by the class, so the tests run in order and repair what they break.
 */
@PowerPagesStackTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackHandlesIT {

    @Test
    @Order(1)
    void theStoreIssuesATokenThatItsWebApiAccepts(PowerPagesStack stack) {
        assertThat(stack.store().token()).isNotBlank();
        assertThat(stack.store().rows("adx_webpages?$select=adx_name")).isNotEmpty();
    }

    @Test
    @Order(2)
    void faultsCombineOnOneNodeAndClearTogether(PowerPagesStack stack) {
        stack.secondary().addLatency(Duration.ofMillis(300)).cutOffStore();

        assertThat(stack.secondary().faults().get("latencyMs").asLong()).isEqualTo(300);
        assertThat(stack.secondary().faults().get("storeCutOff").asBoolean()).isTrue();

        stack.secondary().clearFaults();
        assertThat(stack.secondary().faults().get("latencyMs").asLong()).isZero();
        assertThat(stack.secondary().faults().get("storeCutOff").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void anErrorRateOfOneFailsEveryPageOfThatNodeOnly(PowerPagesStack stack) {
        stack.secondary().errorRate(1.0);
        try {
            assertThat(stack.secondary().get("/").status()).isEqualTo(503);
            assertThat(stack.site().get("/").status()).isEqualTo(200);
        } finally {
            stack.secondary().clearFaults();
        }
        assertThat(stack.secondary().get("/").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void duringAStoreOutageTheNodesKeepServingTheSiteFromTheirCaches(PowerPagesStack stack) throws Exception {
        stack.store().outage();
        try {
            assertThat(stack.store().inOutage()).isTrue();
            assertThat(status(stack.store().url("/api/data/v9.2/adx_webpages"))).isEqualTo(503);
            // past the nodes' refresh interval (5 s): they have asked the store again and been refused
            Awaitility.await()
                    .pollDelay(Duration.ofSeconds(7))
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> {
                        HttpResult home = stack.site().get("/");
                        assertThat(home.status()).isEqualTo(200);
                        assertThat(home.region()).hasValue("northeurope");
                    });
            assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Online");
        } finally {
            stack.store().restore();
        }
        assertThat(stack.store().inOutage()).isFalse();
        assertThat(stack.store().rows("adx_webpages?$select=adx_name")).isNotEmpty();
    }

    @Test
    @Order(5)
    void aKilledPrimaryIsDegradedAndARestartedOneTakesTrafficBack(PowerPagesStack stack) {
        stack.primary().kill();
        assertThat(stack.primary().isRunning()).isFalse();

        stack.awaitEndpointStatus("northeurope", "Degraded");
        assertThat(stack.trafficManager().resolve().endpoint()).isEqualTo("westeurope");
        assertThat(stack.trafficManager().events()).anySatisfy(change -> {
            assertThat(change.endpoint()).isEqualTo("northeurope");
            assertThat(change.newStatus()).isEqualTo("Degraded");
        });
        stack.awaitServedBy("westeurope");

        stack.primary().restart();
        assertThat(stack.primary().isRunning()).isTrue();
        stack.awaitServedBy(
                "northeurope", stack.timeouts().failback().plus(stack.timeouts().slack()));
        TrafficManager.Resolution answer = stack.trafficManager().resolve();
        assertThat(answer.endpoint()).isEqualTo("northeurope");
        assertThat(answer.endpointMonitorStatus()).isEqualTo("Online");
    }

    private static int status(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
