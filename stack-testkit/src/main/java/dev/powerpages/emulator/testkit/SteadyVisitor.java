package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * A steady visitor: fetches a page every {@code period} on its own thread and remembers what each
 * request got (the serving region, or the failure), so a test can say when traffic moved and how
 * many visitors saw an error on the way. Times are {@link System#nanoTime()} values.
 */
public final class SteadyVisitor implements AutoCloseable {

    /** One request: when it started, its status (0 when none arrived), the region that served it, the error. */
    public record Sample(long atNanos, int status, String region, String error) {

        public boolean succeeded() {
            return status == 200;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Http.CONNECT_TIMEOUT).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final URI uri;
    private final Duration period;
    private final Thread thread;
    private volatile boolean running = true;

    SteadyVisitor(URI uri, Duration period) {
        this.uri = uri;
        this.period = period;
        this.thread = new Thread(this::run, "steady-visitor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            samples.add(fetch());
            try {
                Thread.sleep(period.toMillis());
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private Sample fetch() {
        long at = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Http.REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Sample(
                    at,
                    response.statusCode(),
                    response.headers().firstValue("X-PP-Region").orElse(null),
                    null);
        } catch (IOException ex) {
            return new Sample(at, 0, null, ex.toString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Sample(at, 0, null, ex.toString());
        }
    }

    public Duration period() {
        return period;
    }

    /** Every sample so far. */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples taken from {@code fromNanos} on. */
    public List<Sample> since(long fromNanos) {
        return samples.stream().filter(sample -> sample.atNanos() >= fromNanos).toList();
    }

    /** How many requests failed (no answer, or not 200). */
    public long failures() {
        return samples.stream().filter(sample -> !sample.succeeded()).count();
    }

    /** How many requests from {@code fromNanos} on failed. */
    public long failuresSince(long fromNanos) {
        return since(fromNanos).stream().filter(sample -> !sample.succeeded()).count();
    }

    /**
     * Waits until a request started at or after {@code fromNanos} succeeds from {@code region} and
     * returns when that request started.
     */
    public long awaitServedBy(String region, long fromNanos, Duration atMost) {
        return Awaitility.await("a visitor served by " + region)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> since(fromNanos).stream()
                                .filter(sample -> sample.succeeded() && region.equals(sample.region()))
                                .findFirst()
                                .map(Sample::atNanos),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(15_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
