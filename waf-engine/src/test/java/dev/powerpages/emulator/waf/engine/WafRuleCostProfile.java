package dev.powerpages.emulator.waf.engine;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manual profiler (not a test): the CPU time each Default Rule Set rule takes on a 128 KB body
 * of random hostile text, one rule at a time (rules reading over 1M characters are named), then
 * the whole engine with the characters it read; the 25 costliest rules last. Run with
 * {@code java -cp … WafRuleCostProfile [bodies] [seed] [content types, comma-separated]};
 * {@code -Dprofile.body=text -Dprofile.repeat=n} profiles a given body instead.
 */
public final class WafRuleCostProfile {

    public static void main(String[] args) {
        int bodies = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        String[] types = args.length > 2 ? args[2].split(",") : new String[] {"application/x-www-form-urlencoded"};
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<WafRule> rules = new ManagedRuleCatalog()
                .ruleSet(ManagedRuleCatalog.DEFAULT_RULE_SET)
                .rules();
        Map<String, long[]> byRule = new LinkedHashMap<>();
        HostileInputs inputs = new HostileInputs(seed);
        WafRequestParser parser = new WafRequestParser(128 * 1024);
        for (int b = 0; b < bodies; b++) {
            String body = System.getProperty("profile.body") != null
                    ? System.getProperty("profile.body").repeat(Integer.getInteger("profile.repeat", 1))
                    : inputs.next(1 << 20);
            String type = types[b % types.length];
            WafRequest request = parser.parse(
                    "POST",
                    "/",
                    "HTTP/1.1",
                    List.of(Map.entry("Host", "localhost"), Map.entry("Content-Type", type)),
                    body.getBytes(StandardCharsets.UTF_8),
                    "127.0.0.1");
            long total = 0;
            for (WafRule rule : rules) {
                RuleEngine single = new RuleEngine(List.of(rule));
                long start = cpu.getCurrentThreadCpuTime();
                InspectionBudget ruleBudget = InspectionBudget.unlimited();
                try {
                    single.evaluate(request, r -> true, RuleEngine.Exclusions.NONE, ruleBudget);
                    if (ruleBudget.used() > 1_000_000) {
                        System.out.printf("    rule %s read %d characters%n", rule.id(), ruleBudget.used());
                    }
                } catch (Throwable ex) {
                    System.out.println(
                            "rule " + rule.id() + " threw " + ex.getClass().getSimpleName() + " on body " + b);
                }
                long took = cpu.getCurrentThreadCpuTime() - start;
                total += took;
                byRule.computeIfAbsent(rule.id(), id -> new long[1])[0] += took;
            }
            long start = cpu.getCurrentThreadCpuTime();
            InspectionBudget budget = InspectionBudget.unlimited();
            try {
                new RuleEngine(rules).evaluate(request, r -> true, RuleEngine.Exclusions.NONE, budget);
                System.out.printf("  whole engine read %d characters%n", budget.used());
            } catch (Throwable ex) {
                System.out.println("whole engine threw " + ex.getClass().getSimpleName());
            }
            long whole = cpu.getCurrentThreadCpuTime() - start;
            System.out.printf(
                    "body %d (%s, %d args, %d chars): sum of rules %.0f ms, whole engine %.0f ms%n",
                    b, type, request.bodyArgs().size(), request.body().length(), total / 1e6, whole / 1e6);
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byRule.entrySet());
        sorted.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        for (Map.Entry<String, long[]> e : sorted.subList(0, Math.min(25, sorted.size()))) {
            System.out.printf("%-8s %8.0f ms%n", e.getKey(), e.getValue()[0] / 1e6);
        }
        System.out.println(Arrays.toString(types));
    }
}
