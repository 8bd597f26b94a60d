package dev.powerpages.emulator.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Front Door's managed rule exclusions: the named request parts are skipped by the whole rule set, with the
 * selector compared case-insensitively (each name lowered once per request, docs/waf.md).
 */
class WafInspectorExclusionsTest {

    private static final ManagedRuleCatalog catalog = new ManagedRuleCatalog();

    private static WafInspector fullWithExclusion(WafPolicy.Exclusion exclusion) {
        WafPolicy policy = WafPreset.Full.policy(catalog);
        List<WafPolicy.ManagedRuleSet> sets = new ArrayList<>();
        for (WafPolicy.ManagedRuleSet set : policy.properties().managedRules().managedRuleSets()) {
            List<WafPolicy.Exclusion> exclusions =
                    new ArrayList<>(set.exclusions() == null ? List.of() : set.exclusions());
            exclusions.add(exclusion);
            sets.add(new WafPolicy.ManagedRuleSet(
                    set.ruleSetType(),
                    set.ruleSetVersion(),
                    set.ruleSetAction(),
                    exclusions,
                    set.ruleGroupOverrides()));
        }
        WafPolicy enabled = EnabledPolicies.enabled(policy, "Prevention", new WafPolicy.ManagedRules(sets));
        return new WafInspector(enabled, catalog, new GeoIpMap(Map.of()), new RateLimiter());
    }

    private static Verdict post(WafInspector inspector, String body) {
        return inspector.inspect(
                WafInspectionBudgetTest.post("application/x-www-form-urlencoded", body), "203.0.113.9", Instant.now());
    }

    @Test
    void excludedFormFieldIsSkippedWhateverTheCaseOfItsName() {
        WafInspector inspector =
                fullWithExclusion(new WafPolicy.Exclusion("RequestBodyPostArgNames", "Equals", "Comment"));
        String script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";

        assertThat(post(inspector, "COMMENT=" + script).stops()).isFalse();
        assertThat(post(inspector, "comment=" + script).stops()).isFalse();
        assertThat(post(inspector, "name=Ann&comment=" + script + "&Comment=" + script)
                        .stops())
                .isFalse();
        assertThat(post(inspector, "remark=" + script).stops()).isTrue();
        assertThat(post(inspector, "comment=fine&remark=" + script).stops()).isTrue();
    }

    @Test
    void startsWithSelectorExcludesOnlyTheNamesItPrefixes() {
        WafInspector inspector =
                fullWithExclusion(new WafPolicy.Exclusion("RequestBodyPostArgNames", "StartsWith", "RICH_"));
        String script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";

        assertThat(post(inspector, "rich_body=" + script).stops()).isFalse();
        assertThat(post(inspector, "body_rich=" + script).stops()).isTrue();
    }
}
