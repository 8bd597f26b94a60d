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
    void runsInProcessUnlessTold() {
        assertThat(StackMode.DEFAULT.resolve()).isEqualTo(StackMode.IN_PROCESS);
    }

    @Test
    void runsLocalProcessesWhenToldSo() {
        System.setProperty(StackMode.PROPERTY, "local");
        assertThat(StackMode.DEFAULT.resolve()).isEqualTo(StackMode.LOCAL_PROCESSES);
    }

    @Test
    void followsTheSystemPropertyOnlyForTheDefault() {
        System.setProperty(StackMode.PROPERTY, "containers");
        assertThat(StackMode.DEFAULT.resolve()).isEqualTo(StackMode.CONTAINERS);
        assertThat(StackMode.LOCAL_PROCESSES.resolve()).isEqualTo(StackMode.LOCAL_PROCESSES);
    }

    @Test
    void runsInProcessWhenToldSo() {
        System.setProperty(StackMode.PROPERTY, "in-process");
        assertThat(StackMode.DEFAULT.resolve()).isEqualTo(StackMode.IN_PROCESS);
    }

    @Test
    void rejectsAnUnknownMode() {
        System.setProperty(StackMode.PROPERTY, "threads");
        assertThatIllegalArgumentException()
                .isThrownBy(StackMode.DEFAULT::resolve)
                .withMessageContaining("'in-process', 'local' or 'containers'");
    }
}
