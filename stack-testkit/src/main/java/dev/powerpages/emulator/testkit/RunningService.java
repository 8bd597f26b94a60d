package dev.powerpages.emulator.testkit;

import java.net.URI;

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
}
