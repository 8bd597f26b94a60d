package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The single-pass transformations give exactly what the ones they replaced gave ({@link ReferenceTransformations}),
 * function by function and along the CRS's chains, on random values dense in what each decoder reads (escapes cut
 * short, digits beyond ASCII that {@code Character.digit} reads, letters whose lower case changes length, lone
 * surrogates) and on {@link HostileInputs}' adversarial values, short and 128 KB long.
 */
class TransformationsEquivalenceTest {

    /** Every name the rule files may use. */
    private static final List<String> NAMES = Transformations.names();

    /** The chains the DRS and bot rule files run (t:none and t:utf8toUnicode left out, as the parser does). */
    private static final List<List<String>> CHAINS = List.of(
            List.of("urlDecodeUni", "htmlEntityDecode", "jsDecode", "cssDecode", "removeNulls"),
            List.of("urlDecodeUni", "htmlEntityDecode", "jsDecode", "cssDecode", "removeNulls", "removeWhitespace"),
            List.of("urlDecodeUni", "htmlEntityDecode", "jsDecode", "cssDecode", "lowercase", "removeNulls"),
            List.of("urlDecodeUni", "replaceComments", "removeWhitespace"),
            List.of("urlDecodeUni", "normalizePathWin"),
            List.of("urlDecodeUni", "compressWhitespace"),
            List.of("urlDecodeUni", "removeNulls", "cmdLine"),
            List.of("urlDecodeUni", "jsDecode", "removeWhitespace", "base64Decode", "urlDecodeUni", "jsDecode"),
            List.of("urlDecodeUni", "jsDecode", "base64Decode", "urlDecodeUni", "jsDecode", "replaceComments"),
            List.of("urlDecodeUni", "removeCommentsChar"),
            List.of("htmlEntityDecode", "lowercase"),
            List.of("lowercase", "removeWhitespace"),
            List.of("cmdLine", "normalizePath"),
            List.of("normalizePath", "urlDecodeUni"));

    /**
     * Pieces each decoder branches on: escapes of every kind, whole and cut short; hex digits in and beyond ASCII
     * (Arabic-Indic, full-width); entity names in both cases; path and comment pieces; U+0130 and the Kelvin sign
     * (whose lower case is not one ASCII letter); surrogates; NUL.
     */
    private static final String[] PIECES = {
        "%",
        "%2",
        "%41",
        "%4a",
        "%C3",
        "%a9",
        "%e2%9c%93",
        "%f0%9f",
        "%80",
        "%u",
        "%U",
        "%u00",
        "%u0041",
        "%uFF1C",
        "%uff5e",
        "%uD800",
        "+",
        "&",
        "&#",
        "&#x",
        "&#X",
        "&#6",
        "&#60",
        "&#x3c",
        "&#xFFFFFFFF",
        "&#99999999",
        "&#65536",
        "&#x1F600",
        "&lt",
        "&LT;",
        "&Amp;",
        "&quot",
        "&nbsp;",
        "&tab;",
        "&newline",
        "&colon;",
        "&unknown;",
        "&l",
        "&\u0130",
        "&\u212Aa",
        "&lt\u00e9",
        ";",
        "#",
        "x",
        "X",
        "u",
        "\\",
        "\\x",
        "\\x4",
        "\\x41",
        "\\u",
        "\\u004",
        "\\u0041",
        "\\uFF01",
        "\\7",
        "\\777",
        "\\08",
        "\\n",
        "\\v",
        "\\q",
        "\\\n",
        "\\ff ",
        "\\110000",
        "\\0",
        "/",
        "//",
        ".",
        "..",
        "./",
        "../",
        "..\\",
        "\\..",
        "/*",
        "*/",
        "--",
        "<!--",
        "-->",
        "<",
        "!",
        "-",
        "*",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\u000b",
        "\f",
        "\u00a0",
        "\u2003",
        "\0",
        "'",
        "\"",
        "^",
        ",",
        "(",
        "a",
        "B",
        "z",
        "0",
        "7",
        "9",
        "f",
        "F",
        "\u0663",
        "\uFF10",
        "\uFF21",
        "\uFF46",
        "\u00e9",
        "\u00c9",
        "\u0130",
        "\u212A",
        "\u03a3",
        "\uD800",
        "\uDC00",
        "\uD83D\uDE00",
        "=",
        "YWJj",
        "PHNjcmlwdD4=",
        "=="
    };

    @Test
    void everyFunctionGivesWhatTheReferenceGaveOnShortValuesDenseInEscapes() {
        Random random = new Random(20261206);
        for (int n = 0; n < 40_000; n++) {
            String value = pieces(random, random.nextInt(14));
            for (String name : NAMES) {
                assertSame(name, value);
            }
        }
    }

    @Test
    void everyFunctionGivesWhatTheReferenceGaveOnHostileValuesShortAndLong() {
        HostileInputs inputs = new HostileInputs(5112634740286L);
        List<String> values = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) {
            values.add(inputs.next(64));
        }
        for (int n = 0; n < 12; n++) {
            values.add(inputs.next(1 << 17));
        }
        for (String value : values) {
            for (String name : NAMES) {
                assertSame(name, value);
            }
        }
    }

    @Test
    void theRuleFilesChainsGiveWhatTheyGaveStepByStep() {
        HostileInputs inputs = new HostileInputs(7);
        Random random = inputs.random();
        for (int n = 0; n < 4_000; n++) {
            String value = n % 2 == 0 ? pieces(random, random.nextInt(30)) : inputs.next(200);
            for (List<String> chain : CHAINS) {
                String now = value;
                String before = value;
                for (String name : chain) {
                    now = Transformations.named(name).apply(now);
                    before = ReferenceTransformations.named(name).apply(before);
                    assertThat(now).as("%s in %s of %s", name, chain, value).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void lowercaseLowersEveryCharacterAsTheJdkDoesAloneAndBetweenLetters() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String alone = new String(Character.toChars(c));
            // Between letters only below U+20000: no character beyond has a case mapping.
            List<String> values =
                    c < 0x20000 ? List.of(alone, "A" + alone + "b", alone + alone + "\u03a3") : List.of(alone);
            for (String value : values) {
                assertThat(Transformations.lowercase(value))
                        .as("lowercase of U+%04X", c)
                        .isEqualTo(value.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(Transformations.lowercase("\u03a3\u0391\u03a3 \u0130")).isEqualTo("\u03c3\u03b1\u03c2 i\u0307");
        String lower = "already lower case: \u00e9\u00df \uD801\uDC28";
        assertThat(Transformations.lowercase(lower)).isSameAs(lower);
    }

    @Test
    void aValueWithNothingToDecodeIsReturnedItself() {
        String plain = "contact form: Ünïcödé ✓ text, no escapes";
        for (String name : List.of("urlDecodeUni", "htmlEntityDecode", "jsDecode", "removeNulls", "removeComments")) {
            assertThat(Transformations.named(name).apply(plain)).as(name).isSameAs(plain);
        }
        String invalidEscapes = "100% sure, 50%u done";
        assertThat(Transformations.urlDecode(invalidEscapes)).isSameAs(invalidEscapes);
        String bareAmpersand = "fish & chips &; &#;";
        assertThat(Transformations.htmlEntityDecode(bareAmpersand)).isSameAs(bareAmpersand);
    }

    @Test
    void escapesDecodeAsTheReferenceManualDescribes() {
        assertThat(Transformations.urlDecode("%3Cscript%3E+%u0041%uFF1C%e2%9c%93%c3"))
                .isEqualTo("<script> A<✓\uFFFD");
        assertThat(Transformations.htmlEntityDecode("&LT;&#x3c&#60;&#x1F600;&#xFFFFFFFF;&colon&unknown;"))
                .isEqualTo("<<<\uD83D\uDE00?:&unknown;");
        assertThat(Transformations.jsDecode("\\x3c\\u0041\\uFF01\\101\\n\\q\\x4"))
                .isEqualTo("<A!A\nqx4");
        assertThat(Transformations.normalisePath("/a/./b/../../../c//d/", false))
                .isEqualTo("/c/d/");
        assertThat(Transformations.normalisePath("a\\..\\..\\b", true)).isEqualTo("../b");
        assertThat(Transformations.cmdLine("C^M\"D.EXE  /c ,  Dir")).isEqualTo("cmd.exe/c dir");
        assertThat(Transformations.comments("a/*x*/b<!--y-->c--z\nd#w", "")).isEqualTo("abc\nd");
    }

    private static void assertSame(String name, String value) {
        UnaryOperator<String> now = Transformations.named(name);
        UnaryOperator<String> before = ReferenceTransformations.named(name);
        assertThat(now.apply(value)).as("%s of %s", name, escape(value)).isEqualTo(before.apply(value));
    }

    private static String pieces(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    private static String escape(String value) {
        if (value.length() > 200) {
            return value.length() + " characters";
        }
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }
}
