package dev.powerpages.emulator.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.engine.HostileInputs;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.engine.WafRequestParser;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-request inspection budget (docs/waf.md, "Inspection budget"): a large hostile body
 * costs a bounded amount of CPU, and a request that exhausts the budget is decided by the
 * configured policy and logged with the rule the WAF was in.
 */
class WafInspectionBudgetTest {

    private static final ManagedRuleCatalog catalog = new ManagedRuleCatalog();

    private static final WafRequestParser parser = new WafRequestParser(128 * 1024);

    static WafInspector inspector(String mode, long budget, BudgetExhaustedAction action) {
        WafPolicy policy = WafPreset.Full.policy(catalog);
        WafPolicy enabled = EnabledPolicies.enabled(policy, mode);
        return new WafInspector(enabled, catalog, new GeoIpMap(Map.of()), new RateLimiter(), budget, action);
    }

    static WafRequest post(String contentType, String body) {
        return parser.parse(
                "POST",
                "/contact",
                "HTTP/1.1",
                List.of(
                        Map.entry("Host", "localhost"),
                        Map.entry("User-Agent", "Mozilla/5.0"),
                        Map.entry("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8),
                "203.0.113.9");
    }

    @Test
    void largeHostileBodiesCostWellUnderASecondOfCpuEach() {
        long seed = HostileInputs.seed();
        HostileInputs inputs = new HostileInputs(seed);
        WafInspector full =
                inspector("Prevention", WafInspector.DEFAULT_INSPECTION_BUDGET, BudgetExhaustedAction.Block);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String[] types = {"application/x-www-form-urlencoded", "text/plain", "application/json", "application/xml"};
        List<Long> millis = new ArrayList<>();
        int exhausted = 0;
        for (int i = 0; i < 20; i++) {
            // At least 128 KB: the whole inspected part is hostile text.
            String body = inputs.next(1 << 20) + inputs.next(1 << 17).repeat(2);
            WafRequest request = post(types[i % types.length], body);
            long start = cpu.getCurrentThreadCpuTime();
            Verdict verdict = full.inspect(request, "203.0.113.9", Instant.now());
            millis.add((cpu.getCurrentThreadCpuTime() - start) / 1_000_000);
            if (verdict.findings().stream().anyMatch(f -> f.message().startsWith(WafInspector.BUDGET_EXHAUSTED))) {
                exhausted++;
            }
        }
        System.out.println("WAF inspection budget: CPU ms per request in order: " + millis);
        Collections.sort(millis);
        long median = millis.get(millis.size() / 2);
        long max = millis.get(millis.size() - 1);
        System.out.printf(
                "WAF inspection budget: seed %d, 20 hostile bodies of 128 KB through the Full DRS: CPU per request "
                        + "median %d ms, max %d ms, %d exhausted the budget%n",
                seed, median, max, exhausted);
        assertThat(median).as("median CPU ms, seed %d", seed).isLessThan(1000);
        // Generous for a shared 2-core machine (CPU time, not wall time; JIT warm-up included).
        assertThat(max).as("max CPU ms, seed %d", seed).isLessThan(3000);
    }

    @Test
    void requestThatExhaustsTheBudgetIsBlockedAndLoggedWithTheRuleItWasIn() {
        Verdict verdict = inspector("Prevention", 5_000, BudgetExhaustedAction.Block)
                .inspect(post("text/plain", "harmless words ".repeat(2000)), "203.0.113.9", Instant.now());

        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.BLOCK);
        Finding finding = verdict.findings().get(verdict.findings().size() - 1);
        assertThat(finding.message())
                .startsWith("Inspection budget exhausted (5000 characters) in rule " + finding.ruleId());
        assertThat(finding.ruleId()).isNotBlank();
        assertThat(finding.ruleSet()).isEqualTo(ManagedRuleCatalog.DEFAULT_RULE_SET);
        assertThat(finding.action()).isEqualTo("AnomalyScoring");
    }

    @Test
    void logPolicyLetsARequestThatExhaustsTheBudgetThrough() {
        Verdict verdict = inspector("Prevention", 5_000, BudgetExhaustedAction.Log)
                .inspect(post("text/plain", "harmless words ".repeat(2000)), "203.0.113.9", Instant.now());

        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.PASS);
        assertThat(verdict.findings())
                .filteredOn(f -> f.message().startsWith(WafInspector.BUDGET_EXHAUSTED))
                .singleElement()
                .satisfies(f -> assertThat(f.action()).isEqualTo("Log"));
    }

    @Test
    void ordinaryRequestsStayWellInsideTheDefaultBudget() {
        WafInspector full =
                inspector("Prevention", WafInspector.DEFAULT_INSPECTION_BUDGET, BudgetExhaustedAction.Block);

        Verdict benign = full.inspect(
                post(
                        "application/x-www-form-urlencoded",
                        "name=Ada+Lovelace&email=ada%40example.com&message="
                                + "Hello, I would like to know more. ".repeat(300)),
                "203.0.113.9",
                Instant.now());
        Verdict attack = full.inspect(
                post("application/x-www-form-urlencoded", "q=1'+UNION+SELECT+password+FROM+users--"),
                "203.0.113.9",
                Instant.now());

        assertThat(benign.decision()).isEqualTo(Verdict.Decision.PASS);
        assertThat(benign.findings()).noneMatch(f -> f.message().startsWith(WafInspector.BUDGET_EXHAUSTED));
        assertThat(attack.decision()).isEqualTo(Verdict.Decision.BLOCK);
        assertThat(attack.findings()).noneMatch(f -> f.message().startsWith(WafInspector.BUDGET_EXHAUSTED));
    }
}
