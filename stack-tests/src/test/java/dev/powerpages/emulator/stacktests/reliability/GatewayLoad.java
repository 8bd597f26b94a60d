package dev.powerpages.emulator.stacktests.reliability;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * A steady load through the gateway: {@code threads} clients, each sending one request at a time
 * (the path chosen by {@code paths} from a global sequence number) with a per-request timeout, and
 * recording what every request got. The classification is the one the reliability tests assert on:
 * a request either succeeds, fails cleanly (an edge or origin error status with a body saying why),
 * or fails in a way a visitor should never see (no answer in time, a 500, a cut connection, the
 * gateway itself unreachable).
 */
final class GatewayLoad implements AutoCloseable {

    enum Outcome {
        /** 2xx or 304. */
        SUCCESS,
        /** 502, 503 or 504 with a body: the edge (or the origin) saying what is wrong. */
        CLEAN_ERROR,
        /** Another 4xx the test expects, e.g. the WAF's 403 for an attack. */
        EXPECTED_REJECTION,
        /** No answer within the client's timeout. */
        HANG,
        /** 500: a failure the gateway could have handled. */
        INTERNAL_ERROR,
        /** Any other status, or a 502-504 without a body. */
        UNEXPECTED_STATUS,
        /** The connection to the gateway was refused: the gateway is not there at all. */
        GATEWAY_REFUSED,
        /** The answer was cut (connection reset or closed mid-response). */
        CUT
    }

    /** One request: when it started and ended (nanoTime), what it asked for and what it got. */
    record Sample(
            long startNanos, long endNanos, String path, Outcome outcome, int status, String region, String detail) {

        boolean succeededFrom(String wanted) {
            return outcome == Outcome.SUCCESS && wanted.equals(region);
        }

        boolean isFailure() {
            return outcome != Outcome.SUCCESS && outcome != Outcome.EXPECTED_REJECTION;
        }
    }

    private final URI gateway;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration pause;
    private final LongFunction<String> paths;
    private final Function<String, Integer> expectedRejection;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    /** When each client's request in flight started (System.nanoTime), for {@link #oldestInFlightNanos()}. */
    private final Map<Thread, Long> inFlight = new ConcurrentHashMap<>();

    private volatile boolean running = true;

    /**
     * @param gateway the site's root URL
     * @param clients number of client threads
     * @param timeout per-request timeout; a request without an answer by then is a hang
     * @param pause think time between two requests of one client
     * @param paths the path of request number n (with its query, if any)
     * @param expectedRejection for a path, the 4xx status the test expects instead of a success (or null)
     */
    GatewayLoad(
            URI gateway,
            int clients,
            Duration timeout,
            Duration pause,
            LongFunction<String> paths,
            Function<String, Integer> expectedRejection) {
        this.gateway = gateway;
        this.timeout = timeout;
        this.pause = pause;
        this.paths = paths;
        this.expectedRejection = expectedRejection;
        // Its own connection pool, as independent visitors would have; a dead keep-alive connection
        // is the client's to retry, not the gateway's.
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::run, "gateway-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run() {
        while (running) {
            Sample sample = send(paths.apply(sequence.getAndIncrement()));
            samples.add(sample);
            // A failing stack answers fast: do not turn a brief outage into a flood.
            sleep(sample.isFailure() ? Math.max(50, pause.toMillis()) : pause.toMillis());
        }
    }

    private Sample send(String path) {
        long start = System.nanoTime();
        inFlight.put(Thread.currentThread(), start);
        try {
            return exchange(path, start);
        } finally {
            inFlight.remove(Thread.currentThread());
        }
    }

    /** When the oldest request still waiting for its answer started, if any is. */
    OptionalLong oldestInFlightNanos() {
        return inFlight.values().stream().mapToLong(Long::longValue).min();
    }

    private Sample exchange(String path, long start) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(gateway.resolve(path))
                            .timeout(timeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            String region = response.headers().firstValue("X-PP-Region").orElse(null);
            byte[] body = response.body();
            Integer rejection = expectedRejection.apply(path);
            Outcome outcome;
            if ((status >= 200 && status < 300) || status == 304) {
                outcome = rejection == null ? Outcome.SUCCESS : Outcome.UNEXPECTED_STATUS;
            } else if (rejection != null && rejection == status) {
                outcome = Outcome.EXPECTED_REJECTION;
            } else if (status == 500) {
                outcome = Outcome.INTERNAL_ERROR;
            } else if (status >= 502 && status <= 504 && body.length > 0) {
                outcome = Outcome.CLEAN_ERROR;
            } else {
                outcome = Outcome.UNEXPECTED_STATUS;
            }
            String detail = outcome == Outcome.SUCCESS
                    ? null
                    : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return new Sample(start, System.nanoTime(), path, outcome, status, region, detail);
        } catch (HttpTimeoutException ex) {
            return new Sample(start, System.nanoTime(), path, Outcome.HANG, 0, null, ex.toString());
        } catch (ConnectException ex) {
            return new Sample(start, System.nanoTime(), path, Outcome.GATEWAY_REFUSED, 0, null, ex.toString());
        } catch (IOException ex) {
            return new Sample(start, System.nanoTime(), path, Outcome.CUT, 0, null, ex.toString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
            return new Sample(start, System.nanoTime(), path, Outcome.CUT, 0, null, ex.toString());
        }
    }

    /** Every sample so far, in the order they completed. */
    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Samples of requests started in [fromNanos, toNanos). */
    List<Sample> startedBetween(long fromNanos, long toNanos) {
        return samples.stream()
                .filter(s -> s.startNanos() >= fromNanos && s.startNanos() < toNanos)
                .toList();
    }

    /** When the first request started at or after {@code fromNanos} and served by {@code region} started, if any. */
    OptionalLong firstServedBy(String region, long fromNanos) {
        return samples.stream()
                .filter(s -> s.startNanos() >= fromNanos && s.succeededFrom(region))
                .mapToLong(Sample::startNanos)
                .min();
    }

    static Map<Outcome, Long> countByOutcome(List<Sample> samples) {
        return samples.stream()
                .collect(Collectors.groupingBy(Sample::outcome, () -> new TreeMap<>(), Collectors.counting()));
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(timeout.toMillis() + 5_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
