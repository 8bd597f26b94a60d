package dev.powerpages.emulator.appnode.cache;

import java.time.Instant;

/**
 * How the last refreshes of the site snapshot went.
 *
 * @param consecutiveFailures refreshes that failed since the last success; the node serves its last snapshot meanwhile
 */
public record RefreshStatus(
        Instant lastAttempt, Instant lastSuccess, Instant lastFailure, String lastError, int consecutiveFailures) {

    static final RefreshStatus NEVER = new RefreshStatus(null, null, null, null, 0);

    RefreshStatus succeeded(Instant at) {
        return new RefreshStatus(at, at, lastFailure, lastError, 0);
    }

    RefreshStatus failed(Instant at, String error) {
        return new RefreshStatus(at, lastSuccess, at, error, consecutiveFailures + 1);
    }
}
