package dev.powerpages.emulator.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits for the services of a stack that started all at once, each on its own health path, and notes when each
 * answered: one round over all of them every {@link #POLL}, rather than one service after another, so that the
 * time noted is the service's own and a service that failed to start is reported at once, whichever it is.
 */
final class StackReadiness {

    /** A health check is one loopback request; 100 ms keeps the wait's own share of a start small. */
    static final Duration POLL = Duration.ofMillis(100);

    private StackReadiness() {}

    /**
     * @param startedAt {@link System#nanoTime()} when the services were started
     * @return each service's name and how long after {@code startedAt} its health path first answered 200, in the
     * order they became healthy
     * @throws IllegalStateException with the service's log tail once one failed to start, or did not become healthy
     * within its {@link RunningService#startupTimeout()} of {@code startedAt} or of the last service that did
     */
    static Map<String, Duration> awaitAllHealthy(List<? extends RunningService> services, long startedAt) {
        Map<String, Duration> healthyAfter = new LinkedHashMap<>();
        List<RunningService> pending = new ArrayList<>(services);
        // A service fails once no service has become healthy for its start-up timeout: on a loaded machine the last
        // of five may take longer than the timeout from the start, as it could when they were awaited one by one.
        long lastProgress = startedAt;
        while (!pending.isEmpty()) {
            for (RunningService service : List.copyOf(pending)) {
                String failure = service.startFailure();
                if (failure != null) {
                    throw new IllegalStateException(service.name() + " " + failure + ":\n" + service.logTail());
                }
                Duration stalled = Duration.ofNanos(System.nanoTime() - lastProgress);
                if (service.isRunning() && Http.answers200(service.url(service.healthPath()))) {
                    lastProgress = System.nanoTime();
                    healthyAfter.put(service.name(), Duration.ofNanos(lastProgress - startedAt));
                    pending.remove(service);
                } else if (stalled.compareTo(service.startupTimeout()) > 0) {
                    throw new IllegalStateException(service.name() + " did not become healthy within "
                            + service.startupTimeout() + " (of the start, or of the last service that did):\n"
                            + service.logTail());
                }
            }
            if (!pending.isEmpty()) {
                Http.sleep(POLL);
            }
        }
        return healthyAfter;
    }
}
