package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.powerpages.emulator.waf.corpus.CorpusReplayer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the WAF's decoders and detectors with random and adversarial strings (see
 * {@link HostileInputs}): every transformation the rule files use, the libinjection-style SQL and
 * XSS tokenisers, the request parser (query, form, JSON, multipart bodies) and the whole Default
 * Rule Set behind them. Nothing may throw, every call must end within a bound (a catastrophic
 * regex backtrack shows up as a slow call), and the properties that hold are checked: no decoder
 * makes its output longer than its input, and path normalisation, NUL and whitespace removal are
 * idempotent (the oracle is {@link WafFuzzOracle}).
 *
 * <p>A seeded loop rather than jqwik: see docs/reliability.md. It is the short form for random
 * inputs in every build; {@link WafDecoderJazzerTest} adds coverage-guided fuzzing with the same
 * oracle. The seed is printed; replay with
 * {@code -Dfuzz.seed=<n>}, lengthen with {@code -Dfuzz.inputs=<n>}.
 */
class WafDecoderFuzzTest {

    private final WafFuzzOracle oracle = new WafFuzzOracle();

    @Test
    void decodersAndDetectorsNeverThrowNorHangOnHostileInput() {
        long seed = HostileInputs.seed();
        int count = HostileInputs.count("fuzz.inputs", 4000);
        HostileInputs inputs = new HostileInputs(seed);
        int[] sizes = {16, 64, 256, 2048};
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int i = 0; i < count; i++) {
                oracle.check(inputs.next(sizes[i % sizes.length]));
            }
            for (String edge : HostileInputs.FRAGMENTS) {
                oracle.check(edge);
                oracle.check("a" + edge + edge);
            }
            // A handful of 1 MB inputs: linear code stays fast, a quadratic loop does not.
            for (int i = 0; i < 3; i++) {
                oracle.check(inputs.next(1 << 20));
            }
            oracle.check("%".repeat(1 << 20));
            oracle.check("&#".repeat(1 << 19));
            oracle.check("/*".repeat(1 << 19));
        });
        System.out.printf(
                "WAF decoder fuzz: seed %d, %d inputs (+6 of 1 MB) through %d transformations and 2 detectors, "
                        + "slowest call %s, findings %d%n",
                seed,
                count,
                WafFuzzOracle.TRANSFORMATIONS.size(),
                oracle.slowest(),
                oracle.findings().size());
        assertThat(oracle.findings()).as("seed %d", seed).isEmpty();
    }

    @Test
    void requestParserAndRuleSetNeverThrowNorHangOnHostileRequests() {
        long seed = HostileInputs.seed();
        int count = HostileInputs.count("fuzz.requests", 400);
        HostileInputs inputs = new HostileInputs(seed);
        CorpusReplayer full = WafFuzzOracle.fullRuleSet();
        List<String> types = WafFuzzOracle.CONTENT_TYPES;
        assertTimeoutPreemptively(Duration.ofMinutes(8), () -> {
            for (int i = 0; i < count; i++) {
                String type = types.get(i % types.size());
                String body = switch (i % 4) {
                    case 0 -> inputs.nestedJson(1 + inputs.random().nextInt(3000));
                    case 1 ->
                        "--XyZ\r\nContent-Disposition: form-data; name=\"" + inputs.next(32) + "\"; filename=\""
                                + inputs.next(32) + "\"\r\n\r\n" + inputs.next(512) + "\r\n--XyZ--";
                    default -> inputs.next(2048);
                };
                String uri = "/" + inputs.next(256).replace("?", "") + "?" + inputs.next(512) + "=" + inputs.next(512);
                oracle.inspect(full, uri, type, body, inputs.next(128), WafFuzzOracle.INSPECTION_BOUND);
            }
            oracle.inspect(
                    full,
                    "/search?q=" + inputs.next(8000),
                    "application/json",
                    inputs.nestedJson(100_000),
                    "x",
                    WafFuzzOracle.LARGE_INSPECTION_BOUND);
            oracle.inspect(
                    full,
                    "/",
                    "application/x-www-form-urlencoded",
                    inputs.next(1 << 20),
                    inputs.next(4096),
                    WafFuzzOracle.LARGE_INSPECTION_BOUND);
            oracle.inspect(
                    full, "/", "application/json", "[".repeat(1 << 20), "x", WafFuzzOracle.LARGE_INSPECTION_BOUND);
        });
        System.out.printf(
                "WAF request fuzz: seed %d, %d requests (+3 of 100 KB-1 MB) through the parser and the Full DRS, "
                        + "slowest %s, findings %d%n",
                seed, count, oracle.slowest(), oracle.findings().size());
        assertThat(oracle.findings()).as("seed %d", seed).isEmpty();
    }
}
