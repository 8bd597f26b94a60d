package dev.powerpages.emulator.stacktests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.stacktests.reliability.GatewayLoad.Outcome;
import dev.powerpages.emulator.stacktests.reliability.GatewayLoad.Sample;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import dev.powerpages.emulator.testkit.StackMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Failover under load": client threads send a steady load through the gateway (the home page, a
 * page and a web file) while the primary region's app node is killed with SIGKILL and restarted,
 * several times in a row. Every request must either succeed or fail cleanly — a 502/503/504 with a
 * body — never hang past the client's timeout, never get a 500 (a failure the edge could have
 * handled) and never find the gateway itself gone. After each kill, traffic must come from
 * westeurope within the documented bound {@code (F+1)·I+T+TTL}, and go back to northeurope within
 * {@code I+T+TTL} once the node is healthy again; errors must stay inside the window between the
 * kill and the switch.
 *
 * <p>{@code -Dreliability.failover.cycles=10} for a longer run (default 3).
 *
 * <p>The services run as processes ({@code LOCAL_PROCESSES}), so each kill is a real SIGKILL.
 */
@Tag("slow") // minutes of load or a whole lab course: the failsafe group -DskipSlow leaves out (README, "Tests")
@PowerPagesStackTest(mode = StackMode.LOCAL_PROCESSES)
class FailoverUnderLoadIT {

    private static final int CYCLES = Integer.getInteger("reliability.failover.cycles", 3);
    private static final int CLIENTS = Integer.getInteger("reliability.failover.clients", 6);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration THINK_TIME = Duration.ofMillis(20);
    private static final Duration SLACK = Duration.ofSeconds(10);
    /** Requests already on their way when the switch happens may still meet the dead origin. */
    private static final Duration SWITCH_GRACE = Duration.ofSeconds(1);

    private static final List<String> PATHS = List.of("/", "/css/site.css", "/about/", "/js/site.js");
    private static final Path REPORT = Path.of("target", "reliability", "failover-under-load.txt");

    private record Cycle(
            int number, long startNanos, long killedAt, long movedAt, long healthyAt, long backAt, long endNanos) {

        Duration failover() {
            return Duration.ofNanos(movedAt - killedAt);
        }

        Duration failback() {
            return Duration.ofNanos(backAt - healthyAt);
        }

        Duration restart() {
            return Duration.ofNanos(healthyAt - movedAt);
        }
    }

    @Test
    void everyRequestSucceedsOrFailsCleanlyWhileThePrimaryIsKilledAndRestartedRepeatedly(PowerPagesStack stack)
            throws Exception {
        Duration failoverBound = stack.trafficManager().failoverBound();
        Duration failbackBound = stack.trafficManager().failbackBound();
        stack.awaitServedBy("northeurope");
        List<Cycle> cycles = new ArrayList<>();
        List<Sample> samples;
        long loadStart = System.nanoTime();
        try (GatewayLoad load = new GatewayLoad(
                stack.site().url(),
                CLIENTS,
                CLIENT_TIMEOUT,
                THINK_TIME,
                n -> PATHS.get((int) (n % PATHS.size())),
                path -> null)) {
            for (int number = 1; number <= CYCLES; number++) {
                long start = System.nanoTime();
                awaitServedBy(load, "northeurope", start, failbackBound.plus(SLACK));
                GatewayLoad.sleep(1_000); // a steady state on the primary before each kill

                long killedAt = System.nanoTime();
                stack.primary().kill();
                long movedAt = awaitServedBy(load, "westeurope", killedAt, failoverBound.plus(SLACK));
                GatewayLoad.sleep(1_000);

                stack.primary().restart(); // returns once the node answers its health probe with 200
                long healthyAt = System.nanoTime();
                long backAt = awaitServedBy(load, "northeurope", healthyAt, failbackBound.plus(SLACK));
                GatewayLoad.sleep(1_000);
                cycles.add(new Cycle(number, start, killedAt, movedAt, healthyAt, backAt, System.nanoTime()));
            }
            samples = load.samples();
        }
        long loadEnd = System.nanoTime();

        String report = report(cycles, samples, Duration.ofNanos(loadEnd - loadStart), failoverBound, failbackBound);
        System.out.print(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);

        Map<Outcome, Long> counts = GatewayLoad.countByOutcome(samples);
        assertThat(cycles).hasSize(CYCLES);
        assertThat(counts.getOrDefault(Outcome.SUCCESS, 0L))
                .as("successful requests")
                .isPositive();
        assertThat(failures(samples, Outcome.HANG))
                .as("requests without an answer within " + CLIENT_TIMEOUT)
                .isEmpty();
        assertThat(failures(samples, Outcome.INTERNAL_ERROR)).as("500s").isEmpty();
        assertThat(failures(samples, Outcome.GATEWAY_REFUSED))
                .as("connections the gateway refused")
                .isEmpty();
        assertThat(failures(samples, Outcome.UNEXPECTED_STATUS))
                .as("other statuses, or 5xx without a body")
                .isEmpty();
        assertThat(failures(samples, Outcome.CUT)).as("answers cut off").isEmpty();
        for (Cycle cycle : cycles) {
            assertThat(cycle.failover())
                    .as("failover of cycle %d", cycle.number())
                    .isLessThanOrEqualTo(failoverBound);
            assertThat(cycle.failback())
                    .as("failback of cycle %d", cycle.number())
                    .isLessThanOrEqualTo(failbackBound);
        }
        // The errors a kill causes are bounded by the window it opens: every failed request started
        // between a kill and the moment traffic reached westeurope (plus requests already in flight).
        assertThat(samples.stream()
                        .filter(Sample::isFailure)
                        .filter(s -> cycles.stream().noneMatch(c -> inFaultWindow(c, s)))
                        .toList())
                .as("failed requests outside the window between a kill and the switch to westeurope")
                .isEmpty();
    }

    private static boolean inFaultWindow(Cycle cycle, Sample sample) {
        return sample.startNanos() >= cycle.killedAt() - SWITCH_GRACE.toNanos()
                && sample.startNanos() <= cycle.movedAt() + SWITCH_GRACE.toNanos();
    }

    /** Polls the load's samples until a request started after {@code fromNanos} succeeded from the region; returns when it started. */
    private static long awaitServedBy(GatewayLoad load, String region, long fromNanos, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong first = load.firstServedBy(region, fromNanos);
            if (first.isPresent()) {
                return first.getAsLong();
            }
            GatewayLoad.sleep(50);
        }
        throw new AssertionError("no request was served by " + region + " within " + atMost + "; last samples: "
                + load.samples().stream()
                        .skip(Math.max(0, load.samples().size() - 5))
                        .toList());
    }

    private static List<Sample> failures(List<Sample> samples, Outcome outcome) {
        return samples.stream().filter(s -> s.outcome() == outcome).limit(10).toList();
    }

    private static String report(
            List<Cycle> cycles,
            List<Sample> samples,
            Duration elapsed,
            Duration failoverBound,
            Duration failbackBound) {
        StringBuilder out = new StringBuilder();
        Map<Outcome, Long> counts = GatewayLoad.countByOutcome(samples);
        Map<String, Long> byRegion = samples.stream()
                .filter(s -> s.outcome() == Outcome.SUCCESS)
                .collect(Collectors.groupingBy(s -> String.valueOf(s.region()), TreeMap::new, Collectors.counting()));
        Map<String, Long> cleanByStatus = samples.stream()
                .filter(s -> s.outcome() == Outcome.CLEAN_ERROR)
                .collect(Collectors.groupingBy(
                        s -> s.status() + " " + errorCode(s.detail()), TreeMap::new, Collectors.counting()));
        out.append(String.format(
                "FAILOVER UNDER LOAD: %d cycles of kill -9 + restart of northeurope, %d clients, %d s of load%n",
                cycles.size(), CLIENTS, elapsed.toSeconds()));
        out.append(String.format(
                "  requests sent        %d (%.1f/s)%n",
                samples.size(), samples.size() / Math.max(1.0, elapsed.toMillis() / 1000.0)));
        out.append(String.format("  successes by region  %s%n", byRegion));
        out.append(String.format(
                "  clean errors         %d %s%n", counts.getOrDefault(Outcome.CLEAN_ERROR, 0L), cleanByStatus));
        out.append(String.format(
                "  hangs (> %d s)        %d%n", CLIENT_TIMEOUT.toSeconds(), counts.getOrDefault(Outcome.HANG, 0L)));
        out.append(String.format("  500s                 %d%n", counts.getOrDefault(Outcome.INTERNAL_ERROR, 0L)));
        out.append(String.format("  gateway refused      %d%n", counts.getOrDefault(Outcome.GATEWAY_REFUSED, 0L)));
        out.append(String.format("  cut answers          %d%n", counts.getOrDefault(Outcome.CUT, 0L)));
        out.append(String.format("  other statuses       %d%n", counts.getOrDefault(Outcome.UNEXPECTED_STATUS, 0L)));
        out.append(String.format(
                "  %-5s %12s %12s %12s %10s %8s %14s%n",
                "cycle", "failover", "restart", "failback", "requests", "errors", "last error at"));
        for (Cycle cycle : cycles) {
            List<Sample> inCycle = samples.stream()
                    .filter(s -> s.startNanos() >= cycle.startNanos() && s.startNanos() < cycle.endNanos())
                    .toList();
            long errors = inCycle.stream().filter(Sample::isFailure).count();
            // When the last failed request of the cycle started, counted from the kill.
            long lastError = inCycle.stream()
                    .filter(Sample::isFailure)
                    .mapToLong(Sample::startNanos)
                    .max()
                    .orElse(cycle.killedAt());
            out.append(String.format(
                    "  %-5d %9d ms %9d ms %9d ms %10d %8d %11d ms%n",
                    cycle.number(),
                    cycle.failover().toMillis(),
                    cycle.restart().toMillis(),
                    cycle.failback().toMillis(),
                    inCycle.size(),
                    errors,
                    Duration.ofNanos(lastError - cycle.killedAt()).toMillis()));
        }
        out.append(String.format(
                "  bounds: failover %d s ((F+1)·I+T+TTL), failback %d s (I+T+TTL)%n",
                failoverBound.toSeconds(), failbackBound.toSeconds()));
        samples.stream()
                .filter(s -> s.isFailure() && s.outcome() != Outcome.CLEAN_ERROR)
                .limit(5)
                .forEach(s -> out.append("  e.g. ").append(s).append(System.lineSeparator()));
        return out.toString();
    }

    /** The {@code "code"} of an error body such as {@code {"error":{"code":"OriginConnectionRefused",…}}}, if present. */
    private static String errorCode(String body) {
        if (body == null) {
            return "";
        }
        int at = body.indexOf("\"code\":\"");
        if (at < 0) {
            return "";
        }
        int from = at + 8;
        int to = body.indexOf('"', from);
        return to < 0 ? "" : body.substring(from, to);
    }
}
