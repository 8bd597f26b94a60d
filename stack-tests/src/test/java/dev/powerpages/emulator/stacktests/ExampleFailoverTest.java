package dev.powerpages.emulator.stacktests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import org.junit.jupiter.api.Test;

// The README's example, exactly as a user writes it in their own project (docs/testkit.md).
@PowerPagesStackTest
class ExampleFailoverTest {

    @Test
    void visitorsMoveToWesteuropeWhenNortheuropeFailsItsHealthProbe(PowerPagesStack stack) {
        assertThat(stack.site().get("/").region()).hasValue("northeurope");

        stack.primary().failHealth();

        stack.awaitServedBy("westeurope");
        assertThat(stack.trafficManager().endpointStatus("northeurope")).isEqualTo("Degraded");
    }
}
