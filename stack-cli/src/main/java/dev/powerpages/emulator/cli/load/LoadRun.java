package dev.powerpages.emulator.cli.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Steady load at a fixed rate (an open model, as wrk2 and Gatling's constant rate drive it): a GET is started every
 * {@code 1/rps} seconds whether or not the earlier ones have answered, so a slow region shows as latency and
 * failures, not as a lower rate the tool quietly chose. At most {@code concurrency} requests are outstanding; a request
 * that would exceed it is counted as dropped. Prints a line every ten seconds (rate, failures, p95, which nodes
 * answered: the {@code X-PP-Node} header) and a summary at the end.
 */
public final class LoadRun {

    /** The run asked for. */
    public record Settings(URI url, double rps, Duration duration, int concurrency) {}

    /** What the run measured. */
    public record Report(
            long sent,
            long succeeded,
            long failed,
            long dropped,
            double requestsPerSecond,
            long p50Millis,
            long p95Millis,
            long maxMillis,
            Map<String, Long> nodes) {}

    private final Settings settings;
    private final PrintStream out;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Recorder interval = new Recorder(3);
    private final Histogram whole = new Histogram(3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong intervalFailed = new AtomicLong();
    private final Map<String, LongAdder> nodes = new ConcurrentHashMap<>();

    public LoadRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Report run() throws InterruptedException {
        Semaphore outstanding = new Semaphore(settings.concurrency());
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = (long) (1_000_000_000L / settings.rps());
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        out.printf(
                "Load: %s requests/s for %ds at %s (at most %d at once)%n",
                number(settings.rps()), settings.duration().toSeconds(), settings.url(), settings.concurrency());
        ticks.scheduleAtFixedRate(() -> fire(outstanding), 0, periodNanos, TimeUnit.NANOSECONDS);
        long nextReport = start + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now >= nextReport) {
                report(TimeUnit.NANOSECONDS.toSeconds(now - start));
                nextReport += TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(Math.min(end, nextReport) - now))));
        }
        ticks.shutdownNow();
        // The requests still under way have their time limit to answer.
        outstanding.tryAcquire(settings.concurrency(), 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (whole) {
            whole.add(interval.getIntervalHistogram());
            Map<String, Long> byNode = new TreeMap<>();
            nodes.forEach((node, count) -> byNode.put(node, count.sum()));
            return new Report(
                    sent.sum(),
                    succeeded.sum(),
                    failed.sum(),
                    dropped.sum(),
                    (succeeded.sum() + failed.sum()) / seconds,
                    whole.getValueAtPercentile(50),
                    whole.getValueAtPercentile(95),
                    whole.getMaxValue(),
                    byNode);
        }
    }

    private void fire(Semaphore outstanding) {
        if (!outstanding.tryAcquire()) {
            dropped.increment();
            return;
        }
        sent.increment();
        long began = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            try {
                interval.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)));
                if (failure == null && response.statusCode() < 400) {
                    succeeded.increment();
                    response.headers()
                            .firstValue("X-PP-Node")
                            .ifPresent(node -> nodes.computeIfAbsent(node, key -> new LongAdder())
                                    .increment());
                } else {
                    failed.increment();
                    intervalFailed.incrementAndGet();
                }
            } finally {
                outstanding.release();
            }
        });
    }

    private void report(long elapsedSeconds) {
        Histogram last = interval.getIntervalHistogram();
        synchronized (whole) {
            whole.add(last);
        }
        StringBuilder byNode = new StringBuilder();
        new TreeMap<>(nodes)
                .forEach((node, count) ->
                        byNode.append(' ').append(node).append('=').append(count.sum()));
        out.printf(
                "  %3ds  %6.1f requests/s  %d failed  p95 %d ms  nodes:%s%n",
                elapsedSeconds,
                last.getTotalCount() / 10.0,
                intervalFailed.getAndSet(0),
                last.getValueAtPercentile(95),
                byNode.length() == 0 ? " -" : byNode);
    }

    public static void print(Report report, PrintStream out) {
        out.printf(
                "Done: %d requests, %.1f requests/s, %d failed, %d dropped (at the concurrency limit)%n",
                report.sent(), report.requestsPerSecond(), report.failed(), report.dropped());
        out.printf(
                "Latency: p50 %d ms, p95 %d ms, max %d ms%n",
                report.p50Millis(), report.p95Millis(), report.maxMillis());
        if (!report.nodes().isEmpty()) {
            StringBuilder byNode = new StringBuilder();
            report.nodes()
                    .forEach((node, count) ->
                            byNode.append(' ').append(node).append('=').append(count));
            out.println("Answered by:" + byNode);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
