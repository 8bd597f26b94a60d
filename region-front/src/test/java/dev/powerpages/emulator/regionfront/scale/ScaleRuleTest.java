package dev.powerpages.emulator.regionfront.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.regionfront.scale.ScaleRule.Decision;
import dev.powerpages.emulator.regionfront.scale.ScaleRule.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The autoscaler's rule fed one measurement a second on a clock of the test's own. */
class ScaleRuleTest {

    static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    /** Capacity 10 requests/s per instance, 1..3 instances, out after 20 s, in after 30 s, 20 s cool-down. */
    static final ScaleSettings SETTINGS =
            new ScaleSettings(true, 10, 1, 3, Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(20));

    final ScaleRule rule = new ScaleRule(0.5);

    @Test
    void addsAnInstanceOnceTheLoadStaysAboveCapacityForTheWholeWindow() {
        for (int second = 0; second < 20; second++) {
            assertThat(at(second, 15, 1)).as("second %d", second).isEmpty();
        }
        Decision decision = at(20, 15, 1).orElseThrow();
        assertThat(decision.direction()).isEqualTo(Direction.Out);
        assertThat(decision.from()).isEqualTo(1);
        assertThat(decision.to()).isEqualTo(2);
        assertThat(decision.reason()).contains("15.0 requests/s", "capacity of 1 instance(s)", "20s");
    }

    @Test
    void aMeasurementAtOrBelowCapacityStartsTheWindowOver() {
        for (int second = 0; second < 15; second++) {
            at(second, 15, 1);
        }
        assertThat(at(15, 10, 1)).isEmpty();
        for (int second = 16; second < 36; second++) {
            assertThat(at(second, 15, 1)).as("second %d", second).isEmpty();
        }
        assertThat(at(36, 15, 1)).map(Decision::direction).contains(Direction.Out);
    }

    @Test
    void loadWithinTheCapacityOfTwoInstancesKeepsTwo() {
        for (int second = 0; second < 120; second++) {
            assertThat(at(second, 15, 2)).as("second %d", second).isEmpty();
        }
    }

    @Test
    void removesAnInstanceOnceTheRegionStaysIdleForTheWholeWindow() {
        for (int second = 0; second < 30; second++) {
            assertThat(at(second, 4, 2)).as("second %d", second).isEmpty();
        }
        Decision decision = at(30, 4, 2).orElseThrow();
        assertThat(decision.direction()).isEqualTo(Direction.In);
        assertThat(decision.to()).isEqualTo(1);
    }

    @Test
    void loadAboveTheIdleShareOfOneInstanceFewerIsNotIdle() {
        for (int second = 0; second < 120; second++) {
            assertThat(at(second, 6, 2)).as("second %d", second).isEmpty();
        }
    }

    @Test
    void neverAddsBeyondTheMaximum() {
        for (int second = 0; second < 120; second++) {
            assertThat(at(second, 100, 3)).as("second %d", second).isEmpty();
        }
    }

    @Test
    void neverRemovesBelowTheMinimumOrTheInstancesGivenAtStart() {
        for (int second = 0; second < 120; second++) {
            assertThat(rule.evaluate(START.plusSeconds(second), 0, 1, 1, SETTINGS))
                    .as("second %d", second)
                    .isEmpty();
        }
        ScaleRule other = new ScaleRule(0.5);
        for (int second = 0; second < 120; second++) {
            assertThat(other.evaluate(START.plusSeconds(second), 0, 2, 2, SETTINGS))
                    .as("two given at start, second %d", second)
                    .isEmpty();
        }
    }

    @Test
    void makesNoDecisionWithinTheCoolDownAfterTheLast() {
        ScaleSettings noWindows =
                new ScaleSettings(true, 10, 1, 3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(20));
        rule.evaluate(START, 50, 1, 1, noWindows);
        assertThat(rule.evaluate(START.plusSeconds(1), 50, 1, 1, noWindows))
                .map(Decision::to)
                .contains(2);
        for (int second = 2; second < 21; second++) {
            assertThat(rule.evaluate(START.plusSeconds(second), 50, 2, 1, noWindows))
                    .as("second %d", second)
                    .isEmpty();
        }
        assertThat(rule.evaluate(START.plusSeconds(21), 50, 2, 1, noWindows))
                .map(Decision::to)
                .contains(3);
    }

    @Test
    void bothWindowsStartOverOnceAnInstanceHasStartedOrStopped() {
        for (int second = 0; second < 19; second++) {
            at(second, 4, 2);
        }
        rule.changeUnderWay();
        for (int second = 20; second < 50; second++) {
            assertThat(at(second, 4, 2)).as("second %d", second).isEmpty();
        }
        assertThat(at(50, 4, 2)).map(Decision::direction).contains(Direction.In);
    }

    @Test
    void decidesNothingWhileAutoscaleIsOff() {
        ScaleSettings off = new ScaleSettings(
                false, 10, 1, 3, Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(20));
        for (int second = 0; second < 120; second++) {
            assertThat(rule.evaluate(START.plusSeconds(second), 100, 1, 1, off))
                    .as("second %d", second)
                    .isEmpty();
        }
    }

    @Test
    void settingsThatContradictThemselvesAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new ScaleSettings(true, 10, 3, 2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("min 3, max 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new ScaleSettings(true, 0, 1, 2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("capacity");
    }

    private Optional<Decision> at(int second, double rate, int instances) {
        return rule.evaluate(START.plusSeconds(second), rate, instances, 1, SETTINGS);
    }
}
