package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The limits a single regex call runs under, as PCRE's match and recursion limits bound ModSecurity's. */
class RegexMatchLimitTest {

    /** CRS 933180 (PHP variable function call): a repeated group that java.util.regex recurses into. */
    private static final String RULE_933180 =
            "\\$+(?:[A-Z_a-z\\x7f-\\x{ff}][0-9A-Z_a-z\\x7f-\\x{ff}]*|[\\s\\x0b]*\\{[^\\}]+\\})"
                    + "(?:[\\s\\x0b]|\\[(?:[^\\[\\]]|\\[[^\\]]+\\])+\\]|\\{[^\\}]+\\}|/(?:\\*[^\\*]*\\*+(?:[^\\*/][^\\*]*\\*+)*/|/[^\\n\\r]*[\\n\\r])"
                    + "|#[^\\n\\r]*[\\n\\r])*\\(.*\\)";

    @Test
    void theLinearEngineFindsAMatchThatWouldOverflowABacktrackingEnginesStack() {
        Operator rule = Operators.regex(RULE_933180);
        String deep = "$a" + " ".repeat(200_000) + "(x)";

        assertThat(rule.matches("$f (1)")).isTrue();
        assertThat(rule.matches(deep, InspectionBudget.unlimited())).isTrue();
    }

    @Test
    void aBacktrackingRegexThatWouldOverflowTheStackIsNoMatchRatherThanAnError() {
        // The lookahead keeps the pattern on java.util.regex.
        Operator rule = Operators.regex("(?=\\$)" + RULE_933180);
        String deep = "$a" + " ".repeat(200_000) + "(x)";

        assertThat(Operators.runsInLinearTime("(?=\\$)" + RULE_933180)).isFalse();
        assertThat(rule.matches("$f (1)")).isTrue();
        assertThat(rule.matches(deep, InspectionBudget.unlimited())).isFalse();
    }

    @Test
    void aBacktrackingRegexStopsAtItsMatchLimit() {
        // (?=a) keeps it on java.util.regex; a lazy scan from every 'a' is quadratic on a near miss.
        Operator rule = Operators.regex("(?=a)a.*?z", false);
        InspectionBudget budget = InspectionBudget.unlimited();

        assertThat(rule.matches("a".repeat(10_000), budget)).isFalse();
        assertThat(budget.used()).isGreaterThanOrEqualTo(Operators.MATCH_LIMIT_BASE);
    }

    @Test
    void aRegexStopsWhenTheRequestBudgetRunsOut() {
        Operator rule = Operators.regex("(?i)a.*?z");
        InspectionBudget budget = new InspectionBudget(1_000);

        assertThatThrownBy(() -> rule.matches("a".repeat(10_000), budget))
                .isInstanceOf(InspectionBudget.Exhausted.class);
        assertThat(budget.used()).isEqualTo(1_000);
    }

    @Test
    void aRegexChargesWhatItReads() {
        InspectionBudget budget = new InspectionBudget(1_000_000);

        assertThat(Operators.regex("needle").matches("hay needle", budget)).isTrue();
        assertThat(budget.used()).isPositive().isLessThan(100);
    }
}
