package dev.powerpages.emulator.stacktests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A steady visitor: fetches the site every {@code period} on its own thread and remembers what
 * each request got (the serving region, or the failure), so a test can say when traffic moved and
 * how many visitors saw an error on the way.
 */
final class TrafficRecorder implements AutoCloseable {

    record Sample(long atNanos, int status, String region, String error) {

        boolean succeeded() {
            return status == 200;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final URI uri;
    private final Duration period;
    private final Thread thread;
    private volatile boolean running = true;

    TrafficRecorder(URI uri, Duration period) {
        this.uri = uri;
        this.period = period;
        this.thread = new Thread(this::run, "traffic-recorder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            samples.add(fetch());
            ServiceProcess.sleep(period);
        }
    }

    private Sample fetch() {
        long at = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Sample(at, response.statusCode(),
                    response.headers().firstValue("X-PP-Region").orElse(null), null);
        }
        catch (IOException ex) {
            return new Sample(at, 0, null, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Sample(at, 0, null, ex.toString());
        }
    }

    /** The samples taken from {@code fromNanos} on. */
    List<Sample> since(long fromNanos) {
        return samples.stream().filter(sample -> sample.atNanos() >= fromNanos).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(15_000);
    }
}
