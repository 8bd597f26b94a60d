package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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
        return rule(id, group, TARGETS, "@contains attack");
    }

    private static WafRule rule(String id, String group, List<Variable> targets, String operator) {
        return new WafRule(
                id,
                group,
                "test " + id,
                Severity.CRITICAL,
                targets,
                Operators.parse(operator, name -> List.of()),
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

    @Test
    void aRepeatedValueIsReadOnceUnderItsFirstNameInSmallAndLargeSelections() {
        RuleEngine engine = new RuleEngine(List.of(rule("1", "XSS")));
        for (int others : new int[] {0, 3, 40}) {
            List<Map.Entry<String, String>> args = new ArrayList<>();
            for (int i = 0; i < others; i++) {
                args.add(Map.entry("a" + i, "value " + (i % 5)));
            }
            args.add(Map.entry("first", "an attack"));
            args.add(Map.entry("second", "an attack"));

            List<RuleMatch> matches =
                    engine.evaluate(request(args.toArray(Map.Entry[]::new)), rule -> true, RuleEngine.Exclusions.NONE);

            assertThat(matches)
                    .extracting(RuleMatch::variable)
                    .as("%d others", others)
                    .containsExactly("ARGS:first");
        }
    }

    @Test
    void aCountLeavesOutTheKeysTheRuleExcludes() {
        List<Variable> counted = SecLangParser.variables("&ARGS|!ARGS:skip");
        RuleEngine engine = new RuleEngine(
                List.of(rule("two", "PROTOCOL", counted, "@eq 2"), rule("three", "PROTOCOL", counted, "@eq 3")));

        List<RuleMatch> matches = engine.evaluate(
                request(Map.entry("a", "1"), Map.entry("skip", "2"), Map.entry("b", "3")),
                rule -> true,
                RuleEngine.Exclusions.NONE);

        assertThat(matches)
                .extracting(match -> match.rule().id() + " " + match.variable() + " " + match.value())
                .containsExactly("two &ARGS 2");
    }

    @Test
    void theExclusionsAreNotAskedAboutRulesTheySayNothingExcludesFrom() {
        List<String> asked = new ArrayList<>();
        RuleEngine.Exclusions onlySqli = new RuleEngine.Exclusions() {
            @Override
            public boolean excluded(WafRule rule, String collection, String key) {
                asked.add(rule.id() + " " + collection + ":" + key);
                return key.equals("comment");
            }

            @Override
            public Object scope(WafRule rule) {
                return rule.group();
            }

            @Override
            public boolean excludesNothing(WafRule rule) {
                return !rule.group().equals("SQLI");
            }
        };
        RuleEngine engine = new RuleEngine(List.of(rule("1", "SQLI"), rule("2", "XSS"), rule("3", "SQLI")));

        List<RuleMatch> matches = engine.evaluate(request(Map.entry("comment", "an attack")), rule -> true, onlySqli);

        assertThat(matches).extracting(match -> match.rule().id()).containsExactly("2");
        // Once per item of the SQLI rules' one selection (ARGS, ARGS_NAMES), never for the XSS rule.
        assertThat(asked).containsExactly("1 ARGS:comment", "1 ARGS_NAMES:comment");
    }

    @Test
    void aPlanServesEveryRequestOfItsEngineAndNoOther() {
        RuleEngine engine = new RuleEngine(List.of(rule("1", "SQLI"), rule("2", "XSS"), rule("3", "SQLI")));
        RuleEngine.Plan plan = engine.plan(rule -> !rule.id().equals("3"), SQLI_SKIPS_COMMENT);

        // Two target-list selections: the SQLI group's and the XSS group's.
        assertThat(plan.selections()).isEqualTo(2);
        for (String value : List.of("an attack", "fine", "another attack")) {
            List<RuleMatch> matches = engine.evaluate(
                            request(Map.entry("comment", value), Map.entry("q", value)),
                            plan,
                            SQLI_SKIPS_COMMENT,
                            InspectionBudget.unlimited())
                    .matches();
            assertThat(matches)
                    .extracting(match -> match.rule().id() + " " + match.variable())
                    .containsExactlyElementsOf(
                            value.contains("attack") ? List.of("1 ARGS:q", "2 ARGS:comment") : List.of());
        }
        RuleEngine other = new RuleEngine(List.of(rule("1", "SQLI")));
        assertThatThrownBy(() -> other.evaluate(
                        request(Map.entry("q", "an attack")), plan, SQLI_SKIPS_COMMENT, InspectionBudget.unlimited()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
