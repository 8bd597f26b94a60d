package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A request's transformed values are kept per chain prefix: chains sharing a prefix (in equal lists of other rules,
 * or one list a prefix of another) decode it once, and each function run is charged the length it reads.
 */
class TransformationChainsTest {

    private final List<String> calls = new ArrayList<>();

    private UnaryOperator<String> counted(String name) {
        return value -> {
            calls.add(name + ":" + value);
            return value + name;
        };
    }

    private static WafRule rule(String id, List<UnaryOperator<String>> transformations, WafRule next) {
        return new WafRule(
                id,
                "TEST",
                "test " + id,
                Severity.CRITICAL,
                SecLangParser.variables("ARGS"),
                Operators.parse("@contains x", name -> List.of()),
                transformations,
                false,
                next,
                "test");
    }

    @Test
    void chainsSharingAPrefixDecodeItOncePerValueAndRequest() {
        UnaryOperator<String> a = counted("a");
        UnaryOperator<String> b = counted("b");
        UnaryOperator<String> c = counted("c");
        List<UnaryOperator<String>> ab = List.of(a, b);
        List<UnaryOperator<String>> abAgain = List.of(a, b);
        List<UnaryOperator<String>> abc = List.of(a, b, c);
        List<UnaryOperator<String>> cInAChainLink = List.of(c);
        TransformationChains chains = new TransformationChains(List.of(
                rule("1", ab, null), rule("2", abAgain, rule("2b", cInAChainLink, null)), rule("3", abc, null)));
        assertThat(chains.prefixes()).isEqualTo(4); // a, a·b, a·b·c, c

        InspectionBudget budget = InspectionBudget.unlimited();
        TransformationChains.Values values = chains.newRequest(budget);
        assertThat(values.apply(abc, 3, "v")).isEqualTo("vabc");
        assertThat(values.apply(ab, 2, "v")).isEqualTo("vab");
        assertThat(values.apply(abAgain, 1, "v")).isEqualTo("va");
        assertThat(values.apply(cInAChainLink, 1, "v")).isEqualTo("vc");
        assertThat(values.apply(abc, 0, "v")).isEqualTo("v");
        assertThat(values.apply(ab, 2, "w")).isEqualTo("wab");

        assertThat(calls).containsExactly("a:v", "b:va", "c:vab", "c:v", "a:w", "b:wa");
        // Each run charged the length of what it read: 1 + 2 + 3 + 1 + 1 + 2.
        assertThat(budget.used()).isEqualTo(10);

        chains.newRequest(InspectionBudget.unlimited()).apply(ab, 2, "v");
        assertThat(calls).hasSize(8); // a new request decodes again
    }

    @Test
    void aChainTheEngineWasNotBuiltWithIsStillApplied() {
        TransformationChains chains = new TransformationChains(List.of());
        InspectionBudget budget = InspectionBudget.unlimited();

        String value = chains.newRequest(budget).apply(List.of(counted("a"), counted("b")), 2, "v");

        assertThat(value).isEqualTo("vab");
        assertThat(budget.used()).isEqualTo(3);
    }
}
