package dev.powerpages.emulator.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answers a wait saw, in order, with runs of the same answer merged: for a failed wait's message, which said only
 * the last answer. A failover is a sequence (the killed region's connect timeouts, then the secondary's pages), and how
 * long each answer lasted, and how long its slowest request took, tell which link held it up: a request that hung until
 * the kit's own timeout looks different from the TTL running out late. Not thread-safe: one wait's polling thread
 * records.
 */
final class AnswerTimeline {

    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    private final Instant started;
    private final List<Run> runs = new ArrayList<>();

    AnswerTimeline(Instant started) {
        this.started = started;
    }

    /** One request, sent at {@code sent} and answered (or failed) at {@code done}. */
    void record(Instant sent, Instant done, Object answer) {
        String kind = kind(answer);
        Duration took = Duration.between(sent, done);
        Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && last.kind.equals(kind)) {
            last.to = done;
            last.count++;
            if (took.compareTo(last.slowest) > 0) {
                last.slowest = took;
            }
        } else {
            runs.add(new Run(kind, sent, done, took));
        }
    }

    /** What an answer was, without what differs between two requests of the same kind (a reference, a body). */
    static String kind(Object answer) {
        if (answer instanceof HttpResult result) {
            Matcher code = ERROR_CODE.matcher(result.body());
            return "HTTP " + result.status()
                    + result.region().map(region -> " from " + region).orElse("")
                    + (!result.isSuccessful() && code.find() ? " " + code.group(1) : "");
        }
        return String.valueOf(answer);
    }

    @Override
    public String toString() {
        if (runs.isEmpty()) {
            return "no answer";
        }
        StringBuilder text = new StringBuilder("answers since the wait began at ")
                .append(started)
                .append(':');
        for (Run run : runs) {
            text.append("\n  ")
                    .append(seconds(Duration.between(started, run.from)))
                    .append(" to ")
                    .append(seconds(Duration.between(started, run.to)))
                    .append(": ")
                    .append(run.count)
                    .append(" × ")
                    .append(run.kind)
                    .append(" (slowest request ")
                    .append(seconds(run.slowest))
                    .append(')');
        }
        return text.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static final class Run {
        final String kind;
        final Instant from;
        Instant to;
        int count = 1;
        Duration slowest;

        Run(String kind, Instant from, Instant to, Duration took) {
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.slowest = took;
        }
    }
}
