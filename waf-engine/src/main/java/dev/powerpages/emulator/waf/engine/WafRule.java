package dev.powerpages.emulator.waf.engine;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A rule as loaded from a rule file: where to look, what to look for, how to normalise the value
 * first. {@code next} is the rest of a SecLang chain: the rule matches only if every link does.
 *
 * @param group Front Door's rule group name (SQLI, XSS, LFI, …), from the rule's {@code tag:'group/…'}
 */
public record WafRule(
        String id,
        String group,
        String message,
        Severity severity,
        List<Variable> variables,
        Operator operator,
        List<UnaryOperator<String>> transformations,
        boolean multiMatch,
        WafRule next,
        String source) {

    public int score() {
        return severity.score();
    }
}
