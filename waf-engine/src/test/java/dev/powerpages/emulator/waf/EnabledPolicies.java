package dev.powerpages.emulator.waf;

import dev.powerpages.emulator.waf.policy.WafPolicy;

/** A preset's policy switched on as a site administrator switches it: state Enabled, a mode, Front Door's 403. */
final class EnabledPolicies {

    private EnabledPolicies() {}

    static WafPolicy enabled(WafPolicy policy, String mode) {
        return enabled(policy, mode, policy.properties().managedRules());
    }

    /** The same with other managed rules (exclusions or overrides a test adds to the preset's). */
    static WafPolicy enabled(WafPolicy policy, String mode, WafPolicy.ManagedRules managedRules) {
        return new WafPolicy(
                policy.name(),
                policy.type(),
                policy.location(),
                policy.sku(),
                new WafPolicy.Properties(
                        new WafPolicy.PolicySettings("Enabled", mode, 403, null, null, "Enabled"),
                        policy.properties().customRules(),
                        managedRules));
    }
}
