package dev.powerpages.emulator.regionfront.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestRateTest {

    Instant now = Instant.parse("2026-12-05T10:00:00Z");
    final RequestRate rate = new RequestRate(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void theRateIsTheAverageOverTheLastWholeSecondsLeavingOutTheCurrentOne() {
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 10 * (second + 1); i++) {
                rate.record();
            }
            now = now.plusSeconds(1);
        }
        for (int i = 0; i < 1000; i++) {
            rate.record();
        }
        assertThat(rate.perSecond(Duration.ofSeconds(5))).isEqualTo((10 + 20 + 30 + 40 + 50) / 5.0);
        assertThat(rate.perSecond(Duration.ofSeconds(2))).isEqualTo((40 + 50) / 2.0);
    }

    @Test
    void secondsLongPastDoNotCount() {
        for (int i = 0; i < 100; i++) {
            rate.record();
        }
        now = now.plusSeconds(600);
        assertThat(rate.perSecond(Duration.ofSeconds(5))).isZero();
    }
}
