package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackModeTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(StackMode.PROPERTY);
    }

    @Test
    void runsLocalProcessesUnlessTold() {
        assertThat(StackMode.DEFAULT.resolve()).isEqualTo(StackMode.LOCAL_PROCESSES);
    }

    @Test
    void followsTheSystemPropertyOnlyForTheDefault() {
        System.setProperty(StackMode.PROPERTY, "containers");
        assertThat(StackMode.DEFAULT.resolve()).isEqualTo(StackMode.CONTAINERS);
        assertThat(StackMode.LOCAL_PROCESSES.resolve()).isEqualTo(StackMode.LOCAL_PROCESSES);
    }

    @Test
    void rejectsAnUnknownMode() {
        System.setProperty(StackMode.PROPERTY, "in-process");
        assertThatIllegalArgumentException().isThrownBy(StackMode.DEFAULT::resolve)
                .withMessageContaining("'local' or 'containers'");
    }
}
