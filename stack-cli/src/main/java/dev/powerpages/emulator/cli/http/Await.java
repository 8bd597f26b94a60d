package dev.powerpages.emulator.cli.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Asks the stack the same question until the answer is what a command waits for, or the time is up: the commands wait
 * for services that are still starting or catching up (the app nodes' snapshots, the gateway's first origin), where
 * each look is an HTTP request and a short pause between looks is cheaper than any notification the services could
 * send.
 */
public final class Await {

    /** One look: either the awaited value, or why it is not there yet (the error's message once the time is up). */
    public record Look<T>(T value, String notYet) {

        public static <T> Look<T> done(T value) {
            return new Look<>(value, null);
        }

        public static <T> Look<T> notYet(String why) {
            return new Look<>(null, why);
        }
    }

    private final Clock clock;
    private final Duration pause;

    public Await(Clock clock, Duration pause) {
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * @param what    what is awaited, for the message when the waiting thread is interrupted
     * @param timeout how long to look at most (one look at least)
     * @param look    one look at the stack
     * @return the first value a look gave
     * @throws HttpException with the last look's reason when the time is up
     */
    public <T> T until(String what, Duration timeout, Supplier<Look<T>> look) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Look<T> seen = look.get();
            if (seen.notYet() == null) {
                return seen.value();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new HttpException(seen.notYet());
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpException("interrupted while waiting for " + what);
            }
        }
    }
}
