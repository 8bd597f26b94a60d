package dev.powerpages.emulator.trafficmanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An in-process stand-in for an app node's health endpoint whose answer a test can change. */
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
    private int port;
    private HttpServer server;
    private ExecutorService executor;
    private boolean running;

    private FakeAppNode() {}

    static FakeAppNode start() {
        FakeAppNode node = new FakeAppNode();
        node.listen(0);
        return node;
    }

    private void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        // Handlers block (SLOW): give them their own threads so the listener keeps accepting.
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/_services/health", this::answer);
        server.start();
        port = server.getAddress().getPort();
        running = true;
    }

    private void answer(HttpExchange exchange) throws IOException {
        Health current = health.get();
        switch (current) {
            case HEALTHY -> respond(exchange, 200, "{\"status\":\"Healthy\"}");
            case UNAVAILABLE -> {
                failedAnswers.incrementAndGet();
                respond(exchange, 503, "{\"status\":\"Unhealthy\"}");
            }
            case SLOW -> {
                failedAnswers.incrementAndGet();
                try {
                    Thread.sleep(SLOW_ANSWER_MILLIS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "{\"status\":\"Healthy\"}");
            }
            case REDIRECT -> {
                failedAnswers.incrementAndGet();
                exchange.getResponseHeaders().add("Location", "/_services/health/");
                respond(exchange, 301, "");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException ex) {
            // the prober gave up (timeout) and closed the connection
        }
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
    void stop() {
        if (running) {
            server.stop(0);
            executor.shutdownNow();
            running = false;
        }
    }

    /** Listens again, on the same port, if stopped. */
    void ensureRunning() {
        if (!running) {
            listen(port);
        }
    }
}
