package dev.powerpages.emulator.waf.policy;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.policy.WafPolicy.ManagedRuleOverride;
import dev.powerpages.emulator.waf.policy.WafPolicy.ManagedRuleSet;
import dev.powerpages.emulator.waf.policy.WafPolicy.ManagedRules;
import dev.powerpages.emulator.waf.policy.WafPolicy.PolicySettings;
import dev.powerpages.emulator.waf.policy.WafPolicy.Properties;
import dev.powerpages.emulator.waf.policy.WafPolicy.RuleGroupOverride;
import java.util.List;

/**
 * The policy the gateway starts from when none is saved. Both are disabled, in Prevention mode
 * with a 403, as a Power Pages site's WAF is until an administrator enables it.
 */
public enum WafPreset {

    /**
     * Power Pages' managed rules: the Default Rule Set without its SQL injection group (Power
     * Pages lists XSS, LFI/RFI, session fixation, protocol attacks and enforcement, plus the
     * bot rules) - expressed, as Front Door would, as overrides disabling each SQLI rule.
     */
    PowerPages,

    /** The whole Default Rule Set (SQL injection included) and the Bot Manager rule set. */
    Full;

    private static final List<String> ODATA_OPTIONS = List.of(
            "$filter",
            "$select",
            "$expand",
            "$orderby",
            "$apply",
            "$top",
            "$skip",
            "$skiptoken",
            "$count",
            "$search",
            "fetchXml");

    public WafPolicy policy(ManagedRuleCatalog catalog) {
        // OData system query options of Power Pages' Web API (/_api) are parsed by the Web API, not
        // spliced into SQL, and their names ($filter, $select) and functions (startswith) look like
        // NoSQL/SQL to the SQLI group: excluded from that group only, as Front Door exclusions do.
        List<RuleGroupOverride> overrides = List.of(new RuleGroupOverride(
                "SQLI",
                ODATA_OPTIONS.stream()
                        .map(option -> new WafPolicy.Exclusion("QueryStringArgNames", "Equals", option))
                        .toList(),
                null));
        if (this == PowerPages) {
            List<ManagedRuleOverride> disabled = catalog
                    .ruleSet(ManagedRuleCatalog.DEFAULT_RULE_SET)
                    .ruleIdsByGroup()
                    .getOrDefault("SQLI", java.util.Set.of())
                    .stream()
                    .map(id -> new ManagedRuleOverride(id, "Disabled", null, null))
                    .toList();
            overrides = List.of(new RuleGroupOverride("SQLI", null, disabled));
        }
        ManagedRules managed = new ManagedRules(List.of(
                new ManagedRuleSet(ManagedRuleCatalog.DEFAULT_RULE_SET, "2.1", "Block", null, overrides),
                new ManagedRuleSet(ManagedRuleCatalog.BOT_MANAGER_RULE_SET, "1.0", null, null, null)));
        // Front Door WAF policy names are letters and digits only (no hyphen), starting with a letter.
        return new WafPolicy(
                "powerpagesWaf",
                "Microsoft.Network/frontdoorwebapplicationfirewallpolicies",
                "Global",
                new WafPolicy.Sku("Premium_AzureFrontDoor"),
                new Properties(
                        new PolicySettings("Disabled", "Prevention", 403, null, null, "Enabled"),
                        new WafPolicy.CustomRules(List.of()),
                        managed));
    }
}
