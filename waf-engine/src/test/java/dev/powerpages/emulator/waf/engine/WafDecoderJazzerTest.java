package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.powerpages.emulator.waf.corpus.CorpusReplayer;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer) of the WAF's decoders, detectors, request parser and Default
 * Rule Set, judged by the same {@link WafFuzzOracle} as the seeded loops in
 * {@link WafDecoderFuzzTest}: nothing throws, nothing hangs, no decoder grows its input, the
 * idempotent ones are.
 *
 * <p>Without {@code JAZZER_FUZZ} each method only replays its seed corpus (the files under
 * {@code src/test/resources/…/WafDecoderJazzerTestInputs/<method>/}, plus an empty input), so it
 * is a fast regression test in every build. With {@code JAZZER_FUZZ=1} Jazzer mutates those
 * inputs guided by branch coverage for {@code maxDuration} (override with
 * {@code -Djazzer.max_duration=…}) and writes a crashing input into that directory. Only one fuzz
 * test per JVM fuzzes: run them one at a time with {@code -Dtest=WafDecoderJazzerTest#<method>}
 * (docs/reliability.md). Tagged so that Maven runs it in a JVM of its own (see the root pom):
 * Jazzer's agent would break the Spring tests that share its JVM.
 *
 * <p>The inputs are raw bytes rather than {@code FuzzedDataProvider} so that the seed files are
 * readable payloads. They are decoded leniently (see {@link #text(byte[])}) so the fuzzer can still
 * produce lone surrogates and stray high bytes, which the decoders must survive.
 */
@Tag("jazzer")
class WafDecoderJazzerTest {

    /** Built once: loading the Full rule set takes seconds, inspecting one request milliseconds. */
    private static final CorpusReplayer FULL = WafFuzzOracle.fullRuleSet();

    /** One input is a value a rule could see: every transformation, double decoding, both detectors. */
    @FuzzTest(maxDuration = "4m")
    void decodersAndDetectors(byte[] input) {
        WafFuzzOracle oracle = new WafFuzzOracle();
        String value = text(input);
        oracle.check(value);
        assertThat(oracle.findings()).as(WafFuzzOracle.excerpt(value)).isEmpty();
    }

    /**
     * One input is a POST request in four lines: the Content-Type, the URI (a leading {@code /} is
     * added when missing, as a client sends origin-form), a value sent as a header and a cookie,
     * then the body (the rest of the input, line breaks included). Missing lines are empty.
     */
    @FuzzTest(maxDuration = "4m")
    void requestParserAndRuleSet(byte[] input) {
        String[] parts = text(input).split("\n", 4);
        String contentType = part(parts, 0);
        String uri = part(parts, 1);
        uri = uri.startsWith("/") ? uri : "/" + uri;
        WafFuzzOracle oracle = new WafFuzzOracle();
        oracle.inspect(FULL, uri, contentType, part(parts, 3), part(parts, 2), WafFuzzOracle.INSPECTION_BOUND);
        assertThat(oracle.findings()).isEmpty();
    }

    private static String part(String[] parts, int index) {
        return index < parts.length ? parts[index] : "";
    }

    /**
     * UTF-8 that refuses nothing: well-formed sequences give their code point, including the
     * surrogates that strict UTF-8 rejects (so {@code ED A0 80} is a lone high surrogate), and any
     * other byte stands for itself as U+0080-U+00FF. A strict decoder would turn every malformed
     * input into U+FFFD and hide those cases from the fuzzer.
     */
    static String text(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int length = b < 0x80
                    ? 1
                    : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
            int codePoint = length == 1 ? b : length == 0 ? -1 : b & (0xff >> (length + 1));
            for (int k = 1; k < length && codePoint >= 0; k++) {
                int next = i + k < bytes.length ? bytes[i + k] & 0xff : -1;
                codePoint = next >= 0x80 && next <= 0xbf ? (codePoint << 6) | (next & 0x3f) : -1;
            }
            int minimum = length == 3 ? 0x800 : length == 4 ? 0x10000 : 0;
            if (codePoint < minimum || codePoint > Character.MAX_CODE_POINT) {
                out.append((char) b);
                i++;
            } else {
                out.appendCodePoint(codePoint);
                i += length;
            }
        }
        return out.toString();
    }
}
