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
 * A union of automata answers, in one pass, for each of its patterns exactly what that pattern's own automaton answers
 * ({@link LazyDfaPrefilter#mayMatch}; for phrase lists, whether a phrase is there): on random patterns and values, on
 * the rule files' patterns and phrase lists over hostile values, when its cache overflows (it then answers null, never
 * a wrong bit), and with threads sharing it.
 */
class MultiPatternDfaTest {

    /** Each pattern's answer from a fresh automaton of its own. */
    private static boolean[] own(List<LazyDfaPrefilter> automata, String value) {
        boolean[] answers = new boolean[automata.size()];
        for (int i = 0; i < automata.size(); i++) {
            answers[i] = automata.get(i).mayMatch(value);
        }
        return answers;
    }

    private static boolean[] bits(long[] found, int patterns) {
        boolean[] answers = new boolean[patterns];
        for (int i = 0; i < patterns; i++) {
            answers[i] = MultiPatternDfa.found(found, i);
        }
        return answers;
    }

    @Test
    void answersEachPatternAsItsOwnAutomatonDoes() {
        List<String> patterns = List.of("(?i)\\bselect\\b.{0,40}\\bfrom\\b", "^admin$", "a[ab]{3}c", "x*", "kelvin");
        List<LazyDfaPrefilter> automata = patterns.stream()
                .map(p -> LazyDfaPrefilter.of(LinearRegex.compile(p)))
                .toList();
        MultiPatternDfa union = new MultiPatternDfa(automata);
        // x* matches the empty string: found before the first character, as its own automaton says.
        assertThat(bits(union.search(""), 5)).containsExactly(false, false, false, true, false);
        assertThat(bits(union.search("admin page: SELECT a FROM t"), 5))
                .containsExactly(true, true, false, true, false);
        // ^ holds at the first position only, in the union as in the pattern's own automaton.
        assertThat(bits(union.search("the admin page: SELECT a FROM t"), 5))
                .containsExactly(true, false, false, true, false);
        assertThat(bits(union.search("aabbc kelvin"), 5)).containsExactly(false, false, true, true, true);
        assertThat(bits(union.search("select fro adm in"), 5)).containsExactly(false, false, false, true, false);
    }

    /**
     * Random unions of 2 to 24 random patterns (classes, groups, alternations, quantifiers, flags, anchors, {@code \b})
     * over random values of letters, line ends and characters that fold beyond ASCII: every bit is the pattern's own
     * automaton's answer, and no bit is clear where java.util.regex or RE2/J finds a match.
     */
    @Test
    void randomUnionsAgreeWithEveryPatternsOwnAutomaton() {
        Random random = new Random(20261206L);
        int unions = 0;
        int set = 0;
        int clear = 0;
        for (int n = 0; n < 400; n++) {
            List<String> patterns = new ArrayList<>();
            List<Pattern> java = new ArrayList<>();
            List<com.google.re2j.Pattern> re2 = new ArrayList<>();
            int size = 2 + random.nextInt(23);
            while (patterns.size() < size) {
                String pcre = LazyDfaPrefilterTest.randomPattern(random, 3);
                com.google.re2j.Pattern linear = LinearRegex.compile(pcre);
                if (linear == null) {
                    continue;
                }
                try {
                    java.add(Pattern.compile(Operators.javaPattern(pcre), Pattern.DOTALL));
                } catch (PatternSyntaxException invalid) {
                    continue;
                }
                patterns.add(pcre);
                re2.add(linear);
            }
            List<LazyDfaPrefilter> automata =
                    re2.stream().map(LazyDfaPrefilter::of).toList();
            MultiPatternDfa union = new MultiPatternDfa(automata);
            unions++;
            for (int k = 0; k < 60; k++) {
                String value = k % 20 == 0
                        ? LazyDfaPrefilterTest.randomValue(random).repeat(50) + LazyDfaPrefilterTest.randomValue(random)
                        : LazyDfaPrefilterTest.randomValue(random);
                long[] found = union.search(value);
                assertThat(found).as("no overflow on short values").isNotNull();
                boolean[] answers = bits(found, size);
                assertThat(answers)
                        .as("%s on %s", patterns, LazyDfaPrefilterTest.escape(value))
                        .containsExactly(own(automata, value));
                for (int i = 0; i < size; i++) {
                    if (answers[i]) {
                        set++;
                    } else {
                        clear++;
                        // java.util.regex on the short values only: random patterns can backtrack for minutes on the
                        // long ones.
                        assertThat(re2.get(i).matcher(value).find()
                                        || value.length() < 20
                                                && java.get(i).matcher(value).find())
                                .as("%s matches %s but the union says no", patterns.get(i), value)
                                .isFalse();
                    }
                }
            }
        }
        assertThat(unions).isEqualTo(400);
        assertThat(set).isGreaterThan(10_000);
        assertThat(clear).isGreaterThan(10_000);
    }

    /** The rule files' patterns in unions of {@link PatternUnions#MAX_PATTERNS}, over attack samples and hostile text. */
    @Test
    void ruleFilePatternUnionsAgreeOnHostileValues() throws IOException {
        List<LazyDfaPrefilter> automata = new ArrayList<>();
        for (String pcre : LazyDfaPrefilterTest.ruleFilePatterns()) {
            com.google.re2j.Pattern re2 = LinearRegex.compile(pcre);
            if (re2 != null) {
                automata.add(LazyDfaPrefilter.of(re2));
            }
        }
        assertThat(automata).hasSizeGreaterThan(100);
        List<String> values = new ArrayList<>(List.of(
                "1' union select @@version--",
                "; cat /etc/passwd",
                "<svg onload=alert(1)>",
                "${jndi:ldap://x/a}",
                "plain words and nothing else"));
        HostileInputs inputs = new HostileInputs(5112634740286L);
        for (int i = 0; i < 60; i++) {
            values.add(inputs.next(i % 10 == 0 ? 64 * 1024 : 400));
        }
        int set = 0;
        int clear = 0;
        for (int from = 0; from < automata.size(); from += PatternUnions.MAX_PATTERNS) {
            List<LazyDfaPrefilter> part =
                    automata.subList(from, Math.min(automata.size(), from + PatternUnions.MAX_PATTERNS));
            MultiPatternDfa union = new MultiPatternDfa(part);
            for (String value : values) {
                long[] found = union.search(value);
                if (found == null) {
                    continue; // overflowed: the caller asks each automaton (checked below)
                }
                boolean[] answers = bits(found, part.size());
                assertThat(answers).isEqualTo(own(part, value));
                for (boolean answer : answers) {
                    set += answer ? 1 : 0;
                    clear += answer ? 0 : 1;
                }
            }
        }
        assertThat(set).isPositive();
        assertThat(clear).isGreaterThan(automata.size() * values.size() / 4);
    }

    /**
     * Phrase lists (read lowered) in one union answer as each list's own automaton, exactly; a value with İ or Σ
     * (which String.toLowerCase does not lower one character at a time) is left to each list (null).
     */
    @Test
    void phraseListUnionsAnswerExactly() throws IOException {
        List<List<String>> lists = new ArrayList<>();
        lists.add(List.of("select", "union all", "kelvin", "ſx"));
        lists.add(List.of("/etc/passwd", "é", "\uD83D\uDE00x"));
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/waf/drs"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".data")).sorted().toList()) {
                lists.add(Files.readAllLines(file).stream()
                        .map(String::strip)
                        .filter(p -> !p.isEmpty() && !p.startsWith("#"))
                        .map(p -> p.toLowerCase(java.util.Locale.ROOT))
                        .distinct()
                        .toList());
            }
        }
        List<LazyDfaPrefilter> automata =
                lists.stream().map(LazyDfaPrefilter::ofPhrases).toList();
        MultiPatternDfa union = new MultiPatternDfa(automata);
        assertThat(bits(union.search("x' UNION ALL SELECT \u212Aelvin"), 2)).containsExactly(true, false);
        assertThat(union.search("SELECT \u0130")).isNull();
        List<String> values = new ArrayList<>();
        HostileInputs inputs = new HostileInputs(5112634740286L);
        for (int i = 0; i < 200; i++) {
            values.add(inputs.next(i % 10 == 0 ? 20_000 : 400));
        }
        String alphabet = "aAsSeElLcCtTkK \u0131\u03C3\u03C2\u017F\u212A\u00E9\u00C9/xXnNiIuUoO\uD83D\uDE00\uD800";
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(value.toString());
        }
        int found = 0;
        for (String value : values) {
            long[] answer = union.search(value);
            for (int i = 0; i < automata.size(); i++) {
                int own = automata.get(i).search(value);
                if (answer == null) {
                    continue;
                }
                assertThat(own).isNotEqualTo(LazyDfaPrefilter.UNDECIDED);
                assertThat(MultiPatternDfa.found(answer, i))
                        .as("list %d in %s", i, LazyDfaPrefilterTest.escape(value))
                        .isEqualTo(own == LazyDfaPrefilter.MATCH);
                found += own == LazyDfaPrefilter.MATCH ? 1 : 0;
            }
        }
        assertThat(found).isGreaterThan(1_000);
    }

    /**
     * With {@code a[ab]{14}c} (2^15 DFA states alone) in the union and a small cache, random a/b text overflows it: the
     * union answers null (each pattern then asks its own automaton), its cache stays within the bound, and short values
     * still get exact answers.
     */
    @Test
    void overflowAnswersNullAndTheCacheStaysBounded() {
        List<LazyDfaPrefilter> automata = List.of(
                LazyDfaPrefilter.of(LinearRegex.compile("a[ab]{14}c")),
                LazyDfaPrefilter.of(LinearRegex.compile("b[ab]{12}c")),
                LazyDfaPrefilter.of(LinearRegex.compile("ccc")));
        int bound = 1 << 14;
        MultiPatternDfa union = new MultiPatternDfa(automata, bound);
        Random random = new Random(1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            value.append(random.nextBoolean() ? 'a' : 'b');
        }
        assertThat(union.search(value)).isNull();
        assertThat(union.flushes()).isGreaterThanOrEqualTo(2);
        assertThat((long) union.cachedStates() * (union.classCount() + 1)).isLessThanOrEqualTo(bound);
        for (String shortValue : List.of("abababab", "xaabababababababac", "bbbbbbbbbbbbbbc ccc", "")) {
            assertThat(bits(union.search(shortValue), 3)).isEqualTo(own(automata, shortValue));
        }
    }

    /** Request threads share a union: reading values while others build and flush states never gives a wrong bit. */
    @Test
    void threadsSharingAUnionNeverGetAWrongAnswer() throws Exception {
        List<String> patterns = List.of("a[ab]{10}c", "b[ab]{8}c", "(?i)cab", "^c+$");
        List<LazyDfaPrefilter> automata = patterns.stream()
                .map(p -> LazyDfaPrefilter.of(LinearRegex.compile(p)))
                .toList();
        MultiPatternDfa union = new MultiPatternDfa(automata, 1 << 13);
        List<com.google.re2j.Pattern> exact =
                patterns.stream().map(LinearRegex::compile).toList();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            threads.add(new Thread(() -> {
                Random random = new Random(seed);
                for (int n = 0; n < 3000; n++) {
                    StringBuilder value = new StringBuilder();
                    int length = 5 + random.nextInt(n % 50 == 0 ? 5000 : 40);
                    for (int i = 0; i < length; i++) {
                        value.append("aabbcC".charAt(random.nextInt(6)));
                    }
                    long[] found = union.search(value);
                    for (int i = 0; i < patterns.size() && found != null; i++) {
                        if (exact.get(i).matcher(value).find() && !MultiPatternDfa.found(found, i)) {
                            wrong.add(patterns.get(i) + " " + value);
                        }
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).isEmpty();
        assertThat(union.flushes()).isPositive();
    }
}
