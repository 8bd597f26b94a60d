package dev.powerpages.emulator.trafficmanager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An in-process stand-in for an app node's health endpoint on MockWebServer, whose answer a test can change.
 * {@link #stop()} closes the server so that connections are refused, as a killed node's are (the failover test
 * asserts the probe's "Connection refused"); {@link #ensureRunning()} listens again on the same port.
 */
final class FakeAppNode {

    enum Health {
        HEALTHY,
        UNAVAILABLE,
        SLOW,
        REDIRECT
    }

    /** Longer than any probe timeout the tests use. */
    static final long SLOW_ANSWER_MILLIS = 1500;

    private final AtomicReference<Health> health = new AtomicReference<>(Health.HEALTHY);
    private final AtomicInteger failedAnswers = new AtomicInteger();
    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (!request.getUrl().encodedPath().startsWith("/_services/health")) {
                return new MockResponse.Builder().code(404).build();
            }
            return answer();
        }
    };
    private final int port;
    private MockWebServer server;

    private FakeAppNode() {
        port = freePort();
        listen();
    }

    static FakeAppNode start() {
        return new FakeAppNode();
    }

    /**
     * A free port chosen up front: MockWebServer sets SO_REUSEADDR only on an explicit port, and without it the port
     * could not be taken again by {@link #ensureRunning()} while the prober's old connections linger.
     */
    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void listen() {
        // A closed MockWebServer cannot be started again, so each listening spell has a server of its own. It serves
        // each connection on its own thread, so a SLOW answer does not hold up the others.
        MockWebServer started = new MockWebServer();
        started.setDispatcher(dispatcher);
        try {
            started.start(InetAddress.getLoopbackAddress(), port);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server = started;
    }

    private MockResponse answer() throws InterruptedException {
        return switch (health.get()) {
            case HEALTHY -> json(200, "{\"status\":\"Healthy\"}");
            case UNAVAILABLE -> {
                failedAnswers.incrementAndGet();
                yield json(503, "{\"status\":\"Unhealthy\"}");
            }
            case SLOW -> {
                failedAnswers.incrementAndGet();
                // Slept here rather than with headersDelay, so that failedAnswers counts the probe as it arrives.
                Thread.sleep(SLOW_ANSWER_MILLIS);
                yield json(200, "{\"status\":\"Healthy\"}");
            }
            case REDIRECT -> {
                failedAnswers.incrementAndGet();
                yield new MockResponse.Builder()
                        .code(301)
                        .addHeader("Content-Type", "application/json")
                        .addHeader("Location", "/_services/health/")
                        .build();
            }
        };
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    void answer(Health newHealth) {
        failedAnswers.set(0);
        health.set(newHealth);
    }

    /** Probes answered unhealthily since the last {@link #answer(Health)} change. */
    int failedAnswers() {
        return failedAnswers.get();
    }

    String target() {
        return "127.0.0.1:" + port();
    }

    int port() {
        return port;
    }

    /** Stops listening: connections to the port are refused. */
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Listens again, on the same port, if stopped. */
    synchronized void ensureRunning() {
        if (server == null) {
            listen();
        }
    }
}
