package dev.powerpages.emulator.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    /** A clock that moves a second on every reading, so a wait's deadline comes after a known number of looks. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-12-07T08:00:00Z");

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Await await = new Await(new Ticking(), Duration.ZERO);

    @Test
    void returnsWhatTheFirstSuccessfulLookSaw() {
        AtomicInteger looks = new AtomicInteger();

        String seen = await.until(
                "the node",
                Duration.ofSeconds(60),
                () -> looks.incrementAndGet() < 3
                        ? Await.Look.notYet("starting")
                        : Await.Look.done("Healthy after " + looks.get()));

        assertThat(seen).isEqualTo("Healthy after 3");
    }

    @Test
    void givesTheLastLooksReasonWhenTheTimeIsUp() {
        AtomicInteger looks = new AtomicInteger();

        assertThatThrownBy(() -> await.until(
                        "the node",
                        Duration.ofSeconds(5),
                        () -> Await.Look.notYet("still starting, look " + looks.incrementAndGet())))
                .isInstanceOf(HttpException.class)
                .hasMessage("still starting, look " + looks.get());
        assertThat(looks.get()).isBetween(2, 5);
    }

    @Test
    void looksOnceEvenWithNoTimeToWait() {
        assertThat(await.until("the node", Duration.ZERO, () -> Await.Look.done("up")))
                .isEqualTo("up");
    }

    @Test
    void anInterruptedWaitSaysWhatItWaitedFor() {
        Await pausing = new Await(Clock.systemUTC(), Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(
                            () -> pausing.until("the gateway", Duration.ofMinutes(1), () -> Await.Look.notYet("503")))
                    .isInstanceOf(HttpException.class)
                    .hasMessage("interrupted while waiting for the gateway");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
