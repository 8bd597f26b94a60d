package dev.powerpages.emulator.stacktests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import dev.powerpages.emulator.testkit.StackMode;
import org.junit.jupiter.api.Test;

// The same stack in Docker containers (Testcontainers); skipped when Docker is not available.
@PowerPagesStackTest(mode = StackMode.CONTAINERS)
class ExampleContainersTest {

    @Test
    void visitorsMoveToWesteuropeWhenTheNortheuropeContainerIsKilled(PowerPagesStack stack) {
        assertThat(stack.site().get("/").region()).hasValue("northeurope");
        assertThat(stack.store().rows("adx_webpages?$select=adx_name")).isNotEmpty();

        stack.primary().kill();

        stack.awaitServedBy("westeurope");
        stack.awaitEndpointStatus("northeurope", "Degraded");
    }
}
