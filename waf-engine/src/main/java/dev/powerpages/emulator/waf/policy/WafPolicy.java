package dev.powerpages.emulator.waf.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The WAF policy in Azure Front Door's resource shape ({@code Microsoft.Network/
 * FrontDoorWebApplicationFirewallPolicies}): the same property names, enumerations and defaults,
 * so a policy copied from an ARM template or {@code az network front-door waf-policy show}
 * reads the same here. Absent values take Front Door's defaults (see {@link WafPolicies}). {@code tags}
 * are the resource's ARM tags, kept with the policy for the resource-manager endpoint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WafPolicy(
        String name, String type, String location, Map<String, String> tags, Sku sku, Properties properties) {

    /** A policy without tags. */
    public WafPolicy(String name, String type, String location, Sku sku, Properties properties) {
        this(name, type, location, null, sku, properties);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sku(String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Properties(PolicySettings policySettings, CustomRules customRules, ManagedRules managedRules) {}

    /**
     * @param customBlockResponseBody base64, as Front Door takes it
     * @param requestBodyCheck whether the body is inspected (first 128 KB)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicySettings(
            String enabledState,
            String mode,
            Integer customBlockResponseStatusCode,
            String customBlockResponseBody,
            String redirectUrl,
            String requestBodyCheck) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomRules(List<CustomRule> rules) {}

    /**
     * @param ruleType MatchRule or RateLimitRule
     * @param action Allow, Block, Log or Redirect
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomRule(
            String name,
            Integer priority,
            String enabledState,
            String ruleType,
            Integer rateLimitDurationInMinutes,
            Integer rateLimitThreshold,
            List<MatchCondition> matchConditions,
            String action) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MatchCondition(
            String matchVariable,
            String selector,
            String operator,
            Boolean negateCondition,
            List<String> matchValue,
            List<String> transforms) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ManagedRules(List<ManagedRuleSet> managedRuleSets) {}

    /** @param ruleSetAction Block, Log or Redirect: what an anomaly score at the threshold does */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ManagedRuleSet(
            String ruleSetType,
            String ruleSetVersion,
            String ruleSetAction,
            List<Exclusion> exclusions,
            List<RuleGroupOverride> ruleGroupOverrides) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleGroupOverride(
            String ruleGroupName, List<Exclusion> exclusions, List<ManagedRuleOverride> rules) {}

    /** @param action AnomalyScoring (DRS 2.x default), Block, Log, Allow or Redirect */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ManagedRuleOverride(String ruleId, String enabledState, String action, List<Exclusion> exclusions) {}

    /**
     * @param matchVariable RequestHeaderNames, RequestCookieNames, QueryStringArgNames,
     * RequestBodyPostArgNames or RequestBodyJsonArgNames
     * @param selectorMatchOperator Equals, Contains, StartsWith, EndsWith or EqualsAny
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Exclusion(String matchVariable, String selectorMatchOperator, String selector) {}
}
