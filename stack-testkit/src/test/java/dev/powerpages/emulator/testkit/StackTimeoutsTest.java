package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackTimeoutsTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(StackTimeouts.STARTUP_PROPERTY);
        System.clearProperty(StackTimeouts.SLACK_PROPERTY);
    }

    @Test
    void waitsThreeMinutesForStartUpAndTenSecondsBeyondTheDocumentedBoundByDefault() {
        assertThat(StackTimeouts.startupFromProperties()).isEqualTo(Duration.ofMinutes(3));
        assertThat(StackTimeouts.slackFromProperties()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsSecondsMillisecondsAndIsoDurations() {
        System.setProperty(StackTimeouts.STARTUP_PROPERTY, "PT5M");
        System.setProperty(StackTimeouts.SLACK_PROPERTY, "1500ms");
        assertThat(StackTimeouts.startupFromProperties()).isEqualTo(Duration.ofMinutes(5));
        assertThat(StackTimeouts.slackFromProperties()).isEqualTo(Duration.ofMillis(1500));

        System.setProperty(StackTimeouts.SLACK_PROPERTY, "20s");
        assertThat(StackTimeouts.slackFromProperties()).isEqualTo(Duration.ofSeconds(20));
        System.setProperty(StackTimeouts.SLACK_PROPERTY, "7");
        assertThat(StackTimeouts.slackFromProperties()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void namesThePropertyWhenItsValueIsNotADuration() {
        System.setProperty(StackTimeouts.SLACK_PROPERTY, "soon");
        assertThatIllegalArgumentException()
                .isThrownBy(StackTimeouts::slackFromProperties)
                .withMessageContaining(StackTimeouts.SLACK_PROPERTY);
    }

    @Test
    void routingChangesMayTakeTheFailoverBoundPlusTheSlack() {
        StackTimeouts timeouts = new StackTimeouts(
                Duration.ofMinutes(3), Duration.ofSeconds(18), Duration.ofSeconds(13), Duration.ofSeconds(10));
        assertThat(timeouts.routingChange()).isEqualTo(Duration.ofSeconds(28));
    }
}
