package dev.powerpages.emulator.testkit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** One service of a running stack, as the test reaches it. */
interface RunningService {

    String name();

    /** The URL of {@code path} on this service, as seen from the test (host side). */
    URI url(String path);

    /** Stops the service abruptly (SIGKILL, or in-process its web server first): connections simply die. */
    void kill();

    /** Stops the service if it runs, starts it again with the same configuration, waits until it is healthy. */
    void restart();

    boolean isRunning();

    /** The last lines of the service's log, for failure messages. */
    String logTail();

    /** The path that answers 200 once the service is ready ({@link StackService#healthPath()}). */
    String healthPath();

    /** How long one start may take before {@link #awaitHealthy()} gives up. */
    Duration startupTimeout();

    /**
     * Why the current start can no longer succeed, for the failure message ("exited with 1", "failed to start:
     * …"), or {@code null} while it still may: {@link #awaitHealthy()} then fails at once rather than at the
     * timeout.
     */
    String startFailure();

    /**
     * Waits until the service runs and its health path answers 200; fails with the log's tail once its start has
     * failed, or after {@link #startupTimeout()}.
     */
    default void awaitHealthy() {
        Duration timeout = startupTimeout();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String failure = startFailure();
            if (failure != null) {
                throw new IllegalStateException(name() + " " + failure + ":\n" + logTail());
            }
            if (isRunning() && Http.answers200(url(healthPath()))) {
                return;
            }
            Http.sleep(StackReadiness.POLL);
        }
        throw new IllegalStateException(name() + " did not become healthy within " + timeout + ":\n" + logTail());
    }
}
