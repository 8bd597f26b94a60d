package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine selects a target list's items once per request for every rule of the same exclusion scope
 * ({@link RuleEngine.Exclusions#scope}): a rule of another scope still gets its own answers, in the same request.
 */
class RuleEngineSelectionTest {

    /** One instance for every rule, as SecLangParser gives equal target lists. */
    private static final List<Variable> TARGETS = SecLangParser.variables("ARGS|ARGS_NAMES");

    private static WafRule rule(String id, String group) {
        return new WafRule(
                id,
                group,
                "test " + id,
                Severity.CRITICAL,
                TARGETS,
                Operators.parse("@contains attack", name -> List.of()),
                List.of(),
                false,
                null,
                "test");
    }

    private static WafRequest request(Map.Entry<String, String>... args) {
        return new WafRequest(
                "POST",
                "/",
                "/",
                "",
                "HTTP/1.1",
                List.of(),
                List.of(),
                List.of(),
                List.of(args),
                "",
                null,
                List.of(),
                "203.0.113.9");
    }

    /** Excludes ARGS:comment from the rules of group SQLI only, as a Front Door group exclusion does. */
    private static final RuleEngine.Exclusions SQLI_SKIPS_COMMENT = new RuleEngine.Exclusions() {
        @Override
        public boolean excluded(WafRule rule, String collection, String key) {
            return "SQLI".equals(rule.group()) && collection.startsWith("ARGS") && key.equals("comment");
        }

        @Override
        public Object scope(WafRule rule) {
            return rule.group();
        }
    };

    @Test
    void rulesOfAnotherScopeGetTheirOwnSelectionInTheSameRequest() {
        RuleEngine engine =
                new RuleEngine(List.of(rule("1", "SQLI"), rule("2", "XSS"), rule("3", "SQLI"), rule("4", "XSS")));

        List<RuleMatch> matches =
                engine.evaluate(request(Map.entry("comment", "an attack")), rule -> true, SQLI_SKIPS_COMMENT);

        assertThat(matches).extracting(match -> match.rule().id()).containsExactly("2", "4");
    }

    @Test
    void aLambdaExclusionIsAskedForEveryRule() {
        RuleEngine engine = new RuleEngine(List.of(rule("1", "SQLI"), rule("2", "SQLI")));

        // The default scope is the rule itself: two rules of one group may still be answered differently.
        List<RuleMatch> matches = engine.evaluate(
                request(Map.entry("comment", "an attack")),
                rule -> true,
                (rule, collection, key) -> rule.id().equals("1"));

        assertThat(matches).extracting(match -> match.rule().id()).containsExactly("2");
    }
}
