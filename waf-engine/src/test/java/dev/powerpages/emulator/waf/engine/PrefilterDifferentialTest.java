package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.waf.corpus.BenignCorpus;
import dev.powerpages.emulator.waf.corpus.CrsRegressionCorpus;
import dev.powerpages.emulator.waf.corpus.GoTestWafCorpus;
import dev.powerpages.emulator.waf.corpus.ReplayRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The regex prefilters ({@link RequiredLiterals}, and {@link LazyDfaPrefilter} for the patterns
 * that run on RE2/J) only save work: every managed rule (Default
 * Rule Set and Bot Manager) fires on exactly the same requests, variables and values with and
 * without it, over the attack and benign corpora and large hostile bodies. A prefilter that
 * skipped a value the regex would match shows up here as a rule missing on one side.
 */
class PrefilterDifferentialTest {

    static final Path CORPORA = Path.of(System.getProperty("waf.corpora", "../../shared/corpora"));

    static final Path BENCH = Path.of("../bench/waf");

    private final WafRequestParser parser = new WafRequestParser(128 * 1024);

    @Test
    void everyManagedRuleGivesTheSameVerdictsWithAndWithoutThePrefilter() {
        List<ReplayRequest> requests = new ArrayList<>(BenignCorpus.load(BENCH.resolve("benign")));
        if (Files.isDirectory(CORPORA.resolve("waf"))) {
            requests.addAll(CrsRegressionCorpus.load(
                            CORPORA.resolve("waf/crs-regression/tests/regression/tests"), everyRuleCounts())
                    .requests());
            requests.addAll(GoTestWafCorpus.load(CORPORA.resolve("waf/gotestwaf/testcases"))
                    .requests());
        } else {
            // The public corpora live beside the repository (see the corpora README); the benign
            // set and the hostile bodies below still run.
            System.out.println("Prefilter differential: corpora not found at "
                    + CORPORA.toAbsolutePath().normalize());
        }
        HostileInputs hostile = new HostileInputs(5112634740286L);
        for (int i = 0; i < 12; i++) {
            String body = hostile.next(i % 3 == 0 ? 64 * 1024 : 2048);
            String type = i % 2 == 0 ? "application/x-www-form-urlencoded" : "text/plain";
            requests.add(new ReplayRequest(
                    "hostile",
                    "hostile-" + i,
                    "hostile",
                    true,
                    "POST",
                    "/contact?q=" + i,
                    List.of(Map.entry("Host", "localhost"), Map.entry("Content-Type", type)),
                    body.getBytes(StandardCharsets.UTF_8)));
        }

        Comparison drs = compare("waf/drs", requests);
        Comparison bots = compare("waf/bots", requests);

        assertThat(drs.differences())
                .as("Default Rule Set verdicts that differ")
                .isEmpty();
        assertThat(bots.differences()).as("Bot Manager verdicts that differ").isEmpty();
        // Not vacuous: rules fired, and the prefilter did skip regex work.
        assertThat(drs.matches()).isGreaterThan(requests.size() / 10);
        assertThat(drs.readWith()).isLessThan(drs.readWithout());
        System.out.printf(
                "Prefilter differential: %d requests, %d rule matches, characters read %d with the prefilter, %d without%n",
                requests.size(), drs.matches(), drs.readWith(), drs.readWithout());
    }

    /** Rule levels under which the CRS corpus keeps every single-stage test, whatever rule it expects. */
    private static Map<String, String> everyRuleCounts() {
        return new AbstractMap<>() {

            @Override
            public String get(Object ruleId) {
                return "1/CRITICAL";
            }

            @Override
            public Set<Map.Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
    }

    private record Comparison(List<String> differences, long matches, long readWith, long readWithout) {}

    private Comparison compare(String location, List<ReplayRequest> requests) {
        RuleEngine with = new RuleEngine(RuleSetLoader.load(location, true));
        RuleEngine without = new RuleEngine(RuleSetLoader.load(location, false));
        List<String> differences = new ArrayList<>();
        long matches = 0;
        long readWith = 0;
        long readWithout = 0;
        for (ReplayRequest replay : requests) {
            WafRequest request = parser.parse(
                    replay.method(), replay.uri(), "HTTP/1.1", replay.headers(), replay.body(), "127.0.0.1");
            InspectionBudget budgetWith = InspectionBudget.unlimited();
            InspectionBudget budgetWithout = InspectionBudget.unlimited();
            List<String> a = describe(with.evaluate(request, r -> true, RuleEngine.Exclusions.NONE, budgetWith)
                    .matches());
            List<String> b = describe(without.evaluate(request, r -> true, RuleEngine.Exclusions.NONE, budgetWithout)
                    .matches());
            readWith += budgetWith.used();
            readWithout += budgetWithout.used();
            matches += b.size();
            if (!a.equals(b)) {
                differences.add(replay.id() + ": with " + a + ", without " + b);
            }
        }
        return new Comparison(differences, matches, readWith, readWithout);
    }

    private static List<String> describe(List<RuleMatch> matches) {
        return matches.stream()
                .map(m -> m.rule().id() + " " + m.variable() + " " + m.value())
                .toList();
    }
}
