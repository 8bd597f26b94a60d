package dev.powerpages.emulator.cli.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.cli.FakeStack;
import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.HttpException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodesCatchUpTest {

    private final FakeStack node = new FakeStack();
    private final AtomicReference<String> health = new AtomicReference<>();

    @AfterEach
    void close() {
        node.close();
    }

    private void health(String status, Instant loadedAt) {
        health.set("{\"status\":\"" + status + "\",\"website\":\"Contoso\",\"siteLoadedAt\":\"" + loadedAt
                + "\",\"reasons\":[\"why\"]}");
    }

    private NodesCatchUp catchUp() {
        node.json("/_services/about", "{\"changePollIntervalMs\":100}");
        node.answer("/_services/health", () -> FakeStack.response(200, "application/json", health.get()));
        return new NodesCatchUp(
                new Http(), Map.of("northeurope", node.url()), java.time.Clock.systemUTC(), Duration.ofMillis(20));
    }

    @Test
    void aNodeThatReloadsAfterTheStoresChangeIsCurrentOnceItsSnapshotHasSettled() throws Exception {
        Instant change = Instant.now();
        health("Healthy", change.minusSeconds(30));
        NodesCatchUp catchUp = catchUp();
        Thread reload = new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            health("Healthy", Instant.now());
        });
        reload.start();

        Map<String, NodesCatchUp.NodeState> states = catchUp.await(change, Duration.ofSeconds(10));

        assertThat(states.get("northeurope").siteLoadedAt()).isAfter(change);
        assertThat(Instant.now())
                .isAfterOrEqualTo(states.get("northeurope").siteLoadedAt().plusMillis(600));
        reload.join();
    }

    @Test
    void aNodeThatHadNothingToReloadIsCurrentOnceItHasAskedTheStoreSince() {
        Instant change = Instant.now();
        health("Healthy", change.minusSeconds(30));

        catchUp().await(change, Duration.ofSeconds(10));

        assertThat(Instant.now()).isAfterOrEqualTo(change.plusMillis(1200));
    }

    @Test
    void namesTheNodeAndItsReasonsWhenTheTimeIsUp() {
        health("Unhealthy", Instant.now());

        assertThatThrownBy(() -> catchUp().await(Instant.now(), Duration.ofMillis(500)))
                .isInstanceOf(HttpException.class)
                .hasMessageContaining("northeurope: Unhealthy")
                .hasMessageContaining("(why)");
    }
}
