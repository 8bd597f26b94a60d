package dev.powerpages.emulator.waf.engine;

import java.util.List;
import java.util.Random;

/**
 * Random and adversarial strings for fuzzing the WAF's decoders: fragments that sit on the edges
 * of each decoder (truncated escapes, huge numeric entities, lone surrogates, overlong UTF-8 in
 * percent form, NULs, comment openers without closers), random code points, and mutations of
 * real attack payloads. Seeded, so a failing input can be replayed with {@code -Dfuzz.seed}.
 */
public final class HostileInputs {

    /** Pieces that make decoders take their rare branches. */
    static final List<String> FRAGMENTS = List.of(
            "%",
            "%4",
            "%41",
            "%%",
            "%u",
            "%u00",
            "%u003c",
            "%uFF1C",
            "%U0041",
            "%c0%ae",
            "%c0%af",
            "%e0%80%af",
            "%f0%80%80%af",
            "%ff",
            "%fe%ff",
            "%ed%a0%80",
            "%00",
            "+",
            "&",
            "&#",
            "&#;",
            "&#x",
            "&#x;",
            "&#X41",
            "&#60",
            "&#0000060;",
            "&#99999999999;",
            "&#xFFFFFFFF;",
            "&#x110000;",
            "&#xD800;",
            "&lt",
            "&lt;",
            "&amp;lt;",
            "&colon;",
            "&unknownentity;",
            "\\",
            "\\x",
            "\\x4",
            "\\x41",
            "\\u",
            "\\u12",
            "\\u0041",
            "\\777",
            "\\0",
            "\\\n",
            "\\ffffff ",
            "\\110000",
            "/*",
            "*/",
            "/*!50000",
            "--",
            "#",
            "<!--",
            "-->",
            "\0",
            "\uD800",
            "\uDC00",
            "\uD83D\uDE00",
            "\uFEFF",
            "\u202E",
            "\u00A0",
            "\u3000",
            "\uFF1C",
            "\t",
            "\r\n",
            " ",
            "../",
            "..\\",
            "./",
            "//",
            "/",
            ".",
            "..",
            "'",
            "\"",
            "`",
            "<",
            ">",
            "<script>",
            "</script",
            "<svg/onload=",
            "javascript:",
            "java\tscript:",
            "on",
            "=",
            "(",
            ")",
            ";",
            ",",
            "|",
            "$",
            "{",
            "}",
            "[",
            "]",
            "union",
            "select",
            " or 1=1",
            "' OR '1'='1",
            "sleep(",
            "@@version",
            "0x",
            "1e309",
            "9".repeat(40),
            "=\"",
            "style=",
            "expression(");

    private final Random random;

    public HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A string of roughly {@code maxLength} characters at most, mixing the three kinds of input. */
    public String next(int maxLength) {
        int length = 1 + random.nextInt(Math.max(1, maxLength));
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> out.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                case 5 -> out.appendCodePoint(random.nextInt(0x80));
                case 6 -> out.append((char) random.nextInt(0x10000));
                case 7 -> out.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                case 8 -> {
                    // Repeat what is there: repetition is what makes a backtracking regex blow up.
                    if (!out.isEmpty()) {
                        int from = random.nextInt(out.length());
                        String piece = out.substring(from, Math.min(out.length(), from + 1 + random.nextInt(8)));
                        out.append(piece.repeat(1
                                + random.nextInt(Math.max(
                                        1, Math.min(200, (length - out.length()) / piece.length() + 1)))));
                    }
                }
                default -> out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.length() > length + 16 ? out.substring(0, length + 16) : out.toString();
    }

    /** JSON nested {@code depth} deep, objects and arrays mixed. */
    public String nestedJson(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (random.nextBoolean()) {
                open.append("{\"k").append(i % 10).append("\":");
                close.insert(0, '}');
            } else {
                open.append('[');
                close.insert(0, ']');
            }
        }
        return open + "\"<script>alert(1)</script>\"" + close;
    }

    public static long seed() {
        String seed = System.getProperty("fuzz.seed");
        return seed == null || seed.isBlank() ? System.nanoTime() : Long.parseLong(seed);
    }

    public static int count(String property, int defaultCount) {
        return Integer.getInteger(property, defaultCount);
    }
}
