package dev.powerpages.emulator.gateway.origin;

import java.time.Duration;
import java.time.Instant;

/**
 * A resolve answer as the gateway holds it.
 *
 * @param answer the traffic manager's answer
 * @param fetchedAt when the traffic manager gave it
 * @param usableUntil until when it is used without asking again: the answer's TTL, or, once the
 * traffic manager could not be reached, the next retry
 * @param stale whether the TTL ran out and the answer is kept only because the traffic manager
 * cannot be reached (RFC 8767 "serve stale")
 * @param lastError why the last lookup failed, while stale
 */
public record CachedAnswer(
        ResolveAnswer answer, Instant fetchedAt, Instant usableUntil, boolean stale, String lastError) {

    static CachedAnswer fresh(ResolveAnswer answer, Instant now) {
        return new CachedAnswer(answer, now, now.plusSeconds(Math.max(0, answer.ttl())), false, null);
    }

    CachedAnswer servedStaleUntil(Instant nextLookup, String error) {
        return new CachedAnswer(answer, fetchedAt, nextLookup, true, error);
    }

    boolean usableAt(Instant now) {
        return now.isBefore(usableUntil);
    }

    public Duration age(Instant now) {
        return Duration.between(fetchedAt, now);
    }

    /** What is left of the answer's own TTL; zero once it ran out, stale or not. */
    public Duration remainingTtl(Instant now) {
        Duration left = Duration.between(now, fetchedAt.plusSeconds(Math.max(0, answer.ttl())));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
