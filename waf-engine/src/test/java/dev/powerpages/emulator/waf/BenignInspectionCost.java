package dev.powerpages.emulator.waf;

import dev.powerpages.emulator.waf.corpus.BenignCorpus;
import dev.powerpages.emulator.waf.corpus.CorpusReplayer;
import dev.powerpages.emulator.waf.corpus.ReplayRequest;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bench harness (not a test): the thread CPU of inspecting ordinary requests with the Full preset (the gateway's
 * parse and the managed rules, as {@link CorpusReplayer} runs them), for two builds of the engine in one JVM,
 * alternately, as {@link HostileBodyCostComparison} does for hostile bodies. Two figures per build and round: µs per
 * request of wafcost's mix ({@code bench/parts/wafcost.sh}: a page, an ordinary search, a Web API read with OData
 * options), sent with a browser's headers, and of the benign Power Pages corpus ({@code bench/waf/benign}), each
 * after warm-up passes in the same class loader. Arguments: the two class directories of waf-engine's main classes,
 * rounds (default 3); {@code -Dwaf.bench} the bench folder (default ../bench/waf).
 */
public final class BenignInspectionCost {

    private static final List<Map.Entry<String, String>> BROWSER_HEADERS = List.of(
            Map.entry("Host", "localhost"),
            Map.entry(
                    "User-Agent",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                            + "Chrome/126.0 Safari/537.36"),
            Map.entry("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            Map.entry("Accept-Language", "en-US,en;q=0.9"),
            Map.entry("Accept-Encoding", "gzip, deflate, br"),
            Map.entry("Cookie", "ARRAffinity=3f2a9c; ContextLanguageCode=en-US; timezoneoffset=-60"),
            Map.entry("Referer", "http://localhost/"));

    /** wafcost's mix (WAFCOST_PATHS). */
    private static final List<String> MIX =
            List.of("/about/", "/?q=hello%20world", "/_api/accounts?$select=name&$filter=statecode%20eq%200&$top=5");

    public static void main(String[] args) throws Exception {
        String[] builds = {args[0], args[1]};
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String bench = System.getProperty("waf.bench", "../bench/waf");
        BuildClassLoaders loaders = new BuildClassLoaders();
        double[][][] figures = new double[2][2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int b = 0; b < 2; b++) {
                try (URLClassLoader loader = loaders.of(builds[b])) {
                    double[] micros = (double[]) loader.loadClass(BenignInspectionCost.class.getName())
                            .getMethod("cpuMicrosPerRequest", String.class)
                            .invoke(null, bench);
                    figures[b][0][round] = micros[0];
                    figures[b][1][round] = micros[1];
                    System.out.printf(
                            Locale.ROOT,
                            "round %d %s: mix %.1f µs/req, benign corpus %.1f µs/req, load %.1f%n",
                            round,
                            builds[b],
                            micros[0],
                            micros[1],
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        }
        for (int figure = 0; figure < 2; figure++) {
            double a = median(figures[0][figure]);
            double b = median(figures[1][figure]);
            System.out.printf(
                    Locale.ROOT,
                    "%s: median %.1f vs %.1f µs/req (%.2fx)%n",
                    figure == 0 ? "mix" : "benign corpus",
                    a,
                    b,
                    a / b);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * µs of thread CPU per request: {mix, benign corpus}, each after warm-up passes. Called reflectively by
     * {@link #main}.
     */
    public static double[] cpuMicrosPerRequest(String bench) {
        CorpusReplayer full = new CorpusReplayer(WafPreset.Full);
        List<ReplayRequest> mix = new ArrayList<>();
        for (String uri : MIX) {
            mix.add(new ReplayRequest("mix", uri, "mix", false, "GET", uri, BROWSER_HEADERS, new byte[0]));
        }
        List<ReplayRequest> benign = BenignCorpus.load(Path.of(bench, "benign"));
        for (ReplayRequest request : mix) {
            if (full.blocked(request)) {
                throw new IllegalStateException("the mix must pass: " + request.uri());
            }
        }
        // Warm-up: enough for C2 to compile the engine's paths (the figures stop falling after ~10 000 requests).
        run(full, mix, 10_000);
        run(full, benign, 30);
        return new double[] {run(full, mix, 20_000), run(full, benign, 20)};
    }

    /** µs of thread CPU per request over {@code count} requests taken in turn (or passes, for the corpus). */
    private static double run(CorpusReplayer replayer, List<ReplayRequest> requests, int count) {
        boolean passes = requests.size() > MIX.size();
        int total = passes ? count * requests.size() : count;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < total; i++) {
            replayer.verdict(requests.get(i % requests.size()));
        }
        return (cpu.getCurrentThreadCpuTime() - start) / 1_000.0 / total;
    }
}
