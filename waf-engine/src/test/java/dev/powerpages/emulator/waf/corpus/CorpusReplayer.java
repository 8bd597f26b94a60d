package dev.powerpages.emulator.waf.corpus;

import dev.powerpages.emulator.waf.Verdict;
import dev.powerpages.emulator.waf.WafInspector;
import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.engine.WafRequestParser;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Replays the WAF corpora through the gateway's own inspection (the request parser and the
 * compiled policy the gateway's filter uses, without the network) and scores them:
 * the CRS regression tests per family, GoTestWAF as GoTestWAF scores (mean of the attack-blocked
 * and benign-passed percentages), and the benign Power Pages set's false-positive rate.
 *
 * <p>Run from the repository root with {@code bench/waf/run.sh}; results go to bench/waf/results/.
 */
public final class CorpusReplayer {

    private final WafInspector inspector;

    private final WafRequestParser parser = new WafRequestParser(128 * 1024);

    public CorpusReplayer(WafPreset preset) {
        ManagedRuleCatalog catalog = new ManagedRuleCatalog();
        WafPolicy policy = preset.policy(catalog);
        WafPolicy.PolicySettings settings = policy.properties().policySettings();
        WafPolicy enabled = new WafPolicy(
                policy.name(),
                policy.type(),
                policy.location(),
                policy.sku(),
                new WafPolicy.Properties(
                        new WafPolicy.PolicySettings(
                                "Enabled",
                                "Prevention",
                                settings.customBlockResponseStatusCode(),
                                null,
                                null,
                                "Enabled"),
                        policy.properties().customRules(),
                        policy.properties().managedRules()));
        this.inspector = new WafInspector(enabled, catalog, new GeoIpMap(Map.of()), new RateLimiter());
    }

    public Verdict verdict(ReplayRequest request) {
        WafRequest parsed = parser.parse(
                request.method(), request.uri(), "HTTP/1.1", request.headers(), request.body(), "127.0.0.1");
        return inspector.inspect(parsed, "127.0.0.1", Instant.now());
    }

    public boolean blocked(ReplayRequest request) {
        return verdict(request).decision() == Verdict.Decision.BLOCK;
    }

    /** Blocked and total per family, plus the requests that went the wrong way. */
    public record Tally(Map<String, int[]> byFamily, List<String> misses) {

        public double rate(String prefix) {
            int hit = 0;
            int total = 0;
            for (Map.Entry<String, int[]> e : byFamily.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    hit += e.getValue()[0];
                    total += e.getValue()[1];
                }
            }
            return total == 0 ? Double.NaN : 100.0 * hit / total;
        }

        public int total() {
            return byFamily.values().stream().mapToInt(v -> v[1]).sum();
        }

        public int hits() {
            return byFamily.values().stream().mapToInt(v -> v[0]).sum();
        }
    }

    /** Counts, per family, the requests that got the outcome the corpus expects for them. */
    public Tally tally(List<ReplayRequest> requests, boolean countBlocked) {
        Map<String, int[]> byFamily = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (ReplayRequest request : requests) {
            Verdict verdict = verdict(request);
            boolean blocked = verdict.decision() == Verdict.Decision.BLOCK;
            int[] counts = byFamily.computeIfAbsent(request.family(), f -> new int[2]);
            counts[1]++;
            if (blocked == countBlocked) {
                counts[0]++;
            } else {
                String rules = verdict.findings().stream().map(f -> f.ruleId()).collect(Collectors.joining(","));
                misses.add(request.id() + " " + request.method() + " " + abbreviate(request.uri()) + " body="
                        + abbreviate(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
                        + (rules.isEmpty() ? "" : " rules=" + rules));
            }
        }
        return new Tally(byFamily, misses);
    }

    private static String abbreviate(String s) {
        String one = s.replace("\n", "\\n").replace("\r", "\\r");
        return one.length() > 140 ? one.substring(0, 140) + "…" : one;
    }

    /** Everything measured for one preset. */
    public record Report(
            WafPreset preset,
            Tally crsAttacks,
            Tally crsBenign,
            int crsSkippedNotPl1,
            int crsSkippedRaw,
            Tally gtwAttacks,
            Tally gtwBenign,
            int gtwSkipped,
            Tally benign,
            long millis) {

        public double goTestWafScore() {
            return (gtwAttacks.rate("") + gtwBenign.rate("")) / 2;
        }

        /** PL1 attack tests of the five families the targets name. */
        public double crsCoreRate() {
            int hit = 0;
            int total = 0;
            for (String family : List.of("930", "931", "932", "941", "942")) {
                int[] counts = crsAttacks.byFamily().getOrDefault(family, new int[2]);
                hit += counts[0];
                total += counts[1];
            }
            return 100.0 * hit / total;
        }

        public double benignBlockedRate() {
            return 100.0 - benign.rate("");
        }
    }

    public static Report run(WafPreset preset, Path corpora, Path bench) throws IOException {
        long start = System.nanoTime();
        CorpusReplayer replayer = new CorpusReplayer(preset);
        CrsRegressionCorpus.Classified crs = CrsRegressionCorpus.load(
                corpora.resolve("waf/crs-regression/tests/regression/tests"),
                CrsRegressionCorpus.ruleLevels(bench.resolve("crs-rule-levels.tsv")));
        GoTestWafCorpus.Expanded gtw = GoTestWafCorpus.load(corpora.resolve("waf/gotestwaf/testcases"));
        List<ReplayRequest> benign = BenignCorpus.load(bench.resolve("benign"));
        Tally crsAttacks = replayer.tally(
                crs.requests().stream().filter(ReplayRequest::attack).toList(), true);
        Tally crsBenign =
                replayer.tally(crs.requests().stream().filter(r -> !r.attack()).toList(), false);
        Tally gtwAttacks = replayer.tally(
                gtw.requests().stream().filter(ReplayRequest::attack).toList(), true);
        Tally gtwBenign =
                replayer.tally(gtw.requests().stream().filter(r -> !r.attack()).toList(), false);
        Tally benignTally = replayer.tally(benign, false);
        return new Report(
                preset,
                crsAttacks,
                crsBenign,
                crs.skippedNotPl1Critical(),
                crs.skippedRawOrMultiStage(),
                gtwAttacks,
                gtwBenign,
                gtw.skipped(),
                benignTally,
                (System.nanoTime() - start) / 1_000_000);
    }

    public static String markdown(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# WAF corpus replay: preset ").append(report.preset()).append("\n\n");
        md.append("Generated by `bench/waf/run.sh` (CorpusReplayer) in ")
                .append(report.millis())
                .append(" ms. ")
                .append(
                        "Requests go through the gateway's request parser and compiled policy (Prevention, anomaly threshold 5), not the network.\n\n");
        md.append("## Summary\n\n| measure | value | target (Full) |\n| --- | --- | --- |\n");
        md.append(String.format(
                Locale.ROOT,
                "| CRS PL1 critical attack tests blocked, families 930/931/932/941/942 | %.1f %% | >= 90 %% |%n",
                report.crsCoreRate()));
        md.append(String.format(
                Locale.ROOT,
                "| Benign Power Pages requests blocked (%d requests) | %.2f %% | <= 1 %% |%n",
                report.benign().total(),
                report.benignBlockedRate()));
        md.append(String.format(Locale.ROOT, "| GoTestWAF-style score | %.1f | > 55.5 |%n", report.goTestWafScore()));
        md.append(String.format(
                Locale.ROOT,
                "| GoTestWAF attacks blocked (%d) | %.1f %% | |%n",
                report.gtwAttacks().total(),
                report.gtwAttacks().rate("")));
        md.append(String.format(
                Locale.ROOT,
                "| GoTestWAF false-pos set passed (%d) | %.1f %% | |%n",
                report.gtwBenign().total(),
                report.gtwBenign().rate("")));
        md.append(String.format(
                Locale.ROOT,
                "| CRS negative tests (only no_expect_ids) passed (%d) | %.1f %% | |%n%n",
                report.crsBenign().total(),
                report.crsBenign().rate("")));
        md.append("CRS tests left out: ")
                .append(report.crsSkippedNotPl1())
                .append(
                        " expect only rules above paranoia level 1 or below critical severity (they need not block at threshold 5); ")
                .append(report.crsSkippedRaw())
                .append(" are multi-stage or raw/encoded requests. GoTestWAF requests skipped (gRPC): ")
                .append(report.gtwSkipped())
                .append(".\n\n");
        md.append(
                "## CRS PL1 critical attack tests by family\n\n| family | blocked | total | rate |\n| --- | --- | --- | --- |\n");
        report.crsAttacks()
                .byFamily()
                .forEach((family, c) -> md.append(String.format(
                        Locale.ROOT, "| %s | %d | %d | %.1f %% |%n", family, c[0], c[1], 100.0 * c[0] / c[1])));
        md.append("\n## CRS negative tests by family (passed)\n\n| family | passed | total |\n| --- | --- | --- |\n");
        report.crsBenign()
                .byFamily()
                .forEach(
                        (family, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", family, c[0], c[1])));
        md.append("\n## GoTestWAF attack cases (blocked)\n\n| case | blocked | total |\n| --- | --- | --- |\n");
        report.gtwAttacks()
                .byFamily()
                .forEach(
                        (family, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", family, c[0], c[1])));
        md.append("\n## GoTestWAF false-pos cases (passed)\n\n| case | passed | total |\n| --- | --- | --- |\n");
        report.gtwBenign()
                .byFamily()
                .forEach(
                        (family, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", family, c[0], c[1])));
        md.append("\n## Benign Power Pages requests blocked (false positives)\n\n");
        report.benign()
                .misses()
                .forEach(m -> md.append("- `").append(m.replace("`", "'")).append("`\n"));
        md.append("\n## CRS PL1 attack tests not blocked\n\n");
        report.crsAttacks()
                .misses()
                .forEach(m -> md.append("- `").append(m.replace("`", "'")).append("`\n"));
        return md.toString();
    }

    /** {@code CorpusReplayer [preset...]}: writes bench/waf/results/&lt;preset&gt;.md for each preset. */
    public static void main(String[] args) throws IOException {
        Path bench = Path.of(System.getProperty("waf.bench", "../bench/waf"));
        Path corpora = Path.of(System.getProperty("waf.corpora", "../../shared/corpora"));
        List<String> presets = args.length == 0 ? List.of("Full", "PowerPages") : List.of(args);
        Files.createDirectories(bench.resolve("results"));
        for (String name : presets) {
            Report report = run(WafPreset.valueOf(name), corpora, bench);
            Files.writeString(bench.resolve("results").resolve(name + ".md"), markdown(report));
            System.out.printf(
                    Locale.ROOT,
                    "%s: CRS core %.1f%%, benign blocked %.2f%%, GoTestWAF %.1f (attacks %.1f%%, fp-set passed %.1f%%)%n",
                    name,
                    report.crsCoreRate(),
                    report.benignBlockedRate(),
                    report.goTestWafScore(),
                    report.gtwAttacks().rate(""),
                    report.gtwBenign().rate(""));
        }
    }
}
