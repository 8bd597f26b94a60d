package dev.powerpages.emulator.stacktests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import dev.powerpages.emulator.testkit.StackMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The kit's handles in containers mode, where the five containers share one network namespace whose holder publishes
 * their ports (docs/testkit.md, "Start-up"): each handle reaches its own service, and a restarted container keeps its
 * URL. Skipped when Docker is not available.
 */
@PowerPagesStackTest(mode = StackMode.CONTAINERS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerHandlesIT {

    @Test
    @Order(1)
    void eachHandleReachesItsOwnServiceInItsContainer(PowerPagesStack stack) throws Exception {
        assertThat(stack.site().get("/").region()).hasValue("northeurope");
        assertThat(stack.primary().health().status()).isEqualTo(200);
        assertThat(stack.primary().get("/").region()).hasValue("northeurope");
        assertThat(stack.secondary().get("/").region()).hasValue("westeurope");
        assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Online");
        assertThat(stack.trafficManager().endpointStatus("westeurope")).isEqualTo("Online");
        assertThat(stack.store().rows("adx_webpages?$select=adx_name")).isNotEmpty();

        // The store's identity endpoints over TLS, trusted through the stack's own CA.
        HttpClient tls = HttpClient.newBuilder()
                .sslContext(stack.identity().sslContext())
                .build();
        URI discovery = URI.create(stack.identity().authority() + "/v2.0/.well-known/openid-configuration");
        HttpResponse<String> answer =
                tls.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("token_endpoint");
    }

    @Test
    @Order(2)
    void aKilledAndRestartedSecondaryServesAgainOnTheSameUrl(PowerPagesStack stack) {
        URI before = stack.secondary().url("/");

        stack.secondary().kill();
        assertThat(stack.secondary().isRunning()).isFalse();
        stack.secondary().restart();

        assertThat(stack.secondary().isRunning()).isTrue();
        assertThat(stack.secondary().url("/")).isEqualTo(before);
        assertThat(stack.secondary().get("/").region()).hasValue("westeurope");
    }
}
