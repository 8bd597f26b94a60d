package dev.powerpages.emulator.appnode.cache;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import java.time.Duration;
import java.util.Optional;

/**
 * The node's first site snapshot, waited for: background work that must follow the site's first load (the forms' and
 * search's warm-ups) starts from it rather than beside the node's start.
 */
public final class FirstSnapshot {

    private static final Duration POLL = Duration.ofMillis(200);

    private FirstSnapshot() {}

    /** The current snapshot once there is one; empty when none came within {@code wait} or the wait was interrupted. */
    public static Optional<SiteSnapshot> await(SiteCache cache, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (cache.current().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return cache.current();
    }
}
