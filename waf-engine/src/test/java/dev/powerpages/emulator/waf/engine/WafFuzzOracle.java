package dev.powerpages.emulator.waf.engine;

import dev.powerpages.emulator.waf.corpus.CorpusReplayer;
import dev.powerpages.emulator.waf.corpus.ReplayRequest;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The properties the WAF's decoders, detectors, request parser and rule set must keep on any
 * input, shared by the seeded loops ({@link WafDecoderFuzzTest}) and the coverage-guided fuzz
 * tests ({@link WafDecoderJazzerTest}) so both judge an input the same way. Nothing may throw,
 * every call must end within a bound (a catastrophic regex backtrack shows up as a slow call), no
 * decoder makes its output longer than its input, and path normalisation, NUL and whitespace
 * removal are idempotent. Violations are collected as findings rather than thrown, so a loop can
 * report them all at the end.
 */
final class WafFuzzOracle {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Generous for a shared 2-core machine: the decoders are linear and take microseconds. */
    static final Duration CALL_BOUND = Duration.ofSeconds(2);

    /** The whole Default Rule Set on a request of a few KB. */
    static final Duration INSPECTION_BOUND = Duration.ofSeconds(10);

    /**
     * The whole Default Rule Set on 128 KB of inspected body. Such a body of random hostile text
     * took 2-47 s before the per-request inspection budget (docs/reliability.md, fixed finding);
     * now under a second of CPU, with room for a shared 2-core machine.
     */
    static final Duration LARGE_INSPECTION_BOUND = Duration.ofSeconds(5);

    static final List<String> TRANSFORMATIONS = List.of(
            "lowercase",
            "uppercase",
            "trim",
            "urlDecode",
            "urlDecodeUni",
            "utf8toUnicode",
            "htmlEntityDecode",
            "jsDecode",
            "cssDecode",
            "removeNulls",
            "removeWhitespace",
            "compressWhitespace",
            "removeComments",
            "replaceComments",
            "removeCommentsChar",
            "normalizePath",
            "normalizePathWin",
            "cmdLine",
            "base64Decode",
            "hexDecode",
            "length");

    /** Decoders whose output is never longer than their input (ModSecurity decodes in place for that reason). */
    static final List<String> NON_GROWING = List.of(
            "urlDecode",
            "htmlEntityDecode",
            "jsDecode",
            "cssDecode",
            "removeNulls",
            "removeWhitespace",
            "compressWhitespace",
            "removeComments",
            "replaceComments",
            "removeCommentsChar",
            "normalizePath",
            "normalizePathWin",
            "cmdLine",
            "hexDecode",
            "trim");

    static final List<String> IDEMPOTENT = List.of(
            "normalizePath",
            "normalizePathWin",
            "removeNulls",
            "removeWhitespace",
            "compressWhitespace",
            "cmdLine",
            "trim");

    /** The content types the request parser branches on, plus the malformed multipart ones. */
    static final List<String> CONTENT_TYPES = List.of(
            "application/x-www-form-urlencoded",
            "application/json",
            "text/plain",
            "application/xml",
            "multipart/form-data; boundary=XyZ",
            "multipart/form-data",
            "multipart/form-data; boundary=\"\"",
            "");

    private final List<String> findings = new ArrayList<>();

    private long slowestNanos;

    private String slowest = "";

    List<String> findings() {
        return findings;
    }

    String slowest() {
        return String.format("%.1f ms (%s)", slowestNanos / 1e6, slowest);
    }

    /** Every transformation, double URL decoding and both detectors on one value. */
    void check(String input) {
        for (String name : TRANSFORMATIONS) {
            UnaryOperator<String> function = Transformations.named(name);
            String output = timed(name, input, () -> function.apply(input), CALL_BOUND);
            if (output == null) {
                continue;
            }
            if (NON_GROWING.contains(name) && output.length() > input.length()) {
                findings.add(name + " grew " + input.length() + " -> " + output.length() + " chars: " + excerpt(input));
            }
            if (IDEMPOTENT.contains(name)) {
                String again = timed(name, output, () -> function.apply(output), CALL_BOUND);
                if (again != null && !again.equals(output)) {
                    findings.add(name + " is not idempotent on " + excerpt(input));
                }
            }
        }
        // The detectors see what the rules hand them: the raw value and its decoded forms.
        for (String value : List.of(input, Transformations.urlDecode(input), Transformations.htmlEntityDecode(input))) {
            timed("detectSQLi", value, () -> SqlInjectionDetector.isInjection(value), CALL_BOUND);
            timed("detectXSS", value, () -> XssDetector.isXss(value), CALL_BOUND);
        }
        // Double URL decoding, as an evasion stacks it, must not grow either.
        String twice = timed(
                "urlDecode twice",
                input,
                () -> Transformations.urlDecode(Transformations.urlDecode(input)),
                CALL_BOUND);
        if (twice != null && twice.length() > input.length()) {
            findings.add("urlDecode twice grew: " + excerpt(input));
        }
    }

    /** One POST through the request parser and the whole rule set the replayer holds. */
    void inspect(CorpusReplayer replayer, String uri, String contentType, String body, String header, Duration bound) {
        List<Map.Entry<String, String>> headers = List.of(
                Map.entry("Host", "localhost"),
                Map.entry("User-Agent", "fuzz"),
                Map.entry("Content-Type", contentType),
                Map.entry("Cookie", "a=" + header),
                Map.entry("X-Fuzz", header));
        ReplayRequest request = new ReplayRequest(
                "fuzz", "fuzz", "fuzz", false, "POST", uri, headers, body.getBytes(StandardCharsets.UTF_8));
        timed("inspect(" + contentType + ")", uri + " " + body, () -> replayer.verdict(request), bound);
    }

    static CorpusReplayer fullRuleSet() {
        return new CorpusReplayer(WafPreset.Full);
    }

    /**
     * Runs the call and notes it as a finding when it took more than the bound of this thread's CPU time: a runaway
     * pattern burns CPU, while wall time on a shared machine also counts the time other processes had the cores (a
     * few-KB inspection took 27 s of wall time at a load of 15).
     */
    private <T> T timed(String what, String input, Supplier<T> call, Duration bound) {
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            return call.get();
        } catch (RuntimeException | StackOverflowError ex) {
            findings.add(what + " threw " + ex + " on " + excerpt(input));
            return null;
        } finally {
            long took = THREADS.getCurrentThreadCpuTime() - start;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = what + " on " + input.length() + " chars";
            }
            if (took > bound.toNanos()) {
                findings.add(what + " took " + took / 1_000_000 + " ms of CPU on " + input.length() + " chars: "
                        + excerpt(input));
            }
        }
    }

    static String excerpt(String input) {
        String shown = input.length() > 120 ? input.substring(0, 120) + "…(" + input.length() + " chars)" : input;
        StringBuilder escaped = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c > 0x7e) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
