package dev.powerpages.emulator.waf.policy;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.policy.WafPolicy.CustomRule;
import dev.powerpages.emulator.waf.policy.WafPolicy.Exclusion;
import dev.powerpages.emulator.waf.policy.WafPolicy.ManagedRuleSet;
import dev.powerpages.emulator.waf.policy.WafPolicy.MatchCondition;
import dev.powerpages.emulator.waf.policy.WafPolicy.RuleGroupOverride;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a policy against Front Door's enumerations and limits (100 custom rules, 10 match
 * conditions per rule, 600 IP ranges per rule, rate-limit durations of 1 or 5 minutes, block
 * status codes 200/403/405/406/429) and the rule set catalogue; every problem is reported.
 */
public final class WafPolicyValidator {

    static final int MAX_CUSTOM_RULES = 100;

    static final int MAX_CONDITIONS = 10;

    static final int MAX_IP_RANGES = 600;

    private static final Set<Integer> BLOCK_STATUSES = Set.of(200, 403, 405, 406, 429);

    private static final Set<String> MATCH_VARIABLES = Set.of(
            "RemoteAddr",
            "SocketAddr",
            "RequestMethod",
            "QueryString",
            "PostArgs",
            "RequestUri",
            "RequestHeader",
            "RequestBody",
            "Cookies");

    private static final Set<String> OPERATORS = Set.of(
            "Any",
            "IPMatch",
            "GeoMatch",
            "Equal",
            "Contains",
            "LessThan",
            "GreaterThan",
            "LessThanOrEqual",
            "GreaterThanOrEqual",
            "BeginsWith",
            "EndsWith",
            "RegEx");

    private static final Set<String> TRANSFORMS =
            Set.of("Lowercase", "Uppercase", "Trim", "UrlDecode", "UrlEncode", "RemoveNulls");

    private static final Set<String> EXCLUSION_VARIABLES = Set.of(
            "RequestHeaderNames",
            "RequestCookieNames",
            "QueryStringArgNames",
            "RequestBodyPostArgNames",
            "RequestBodyJsonArgNames");

    private static final Set<String> SELECTOR_OPERATORS =
            Set.of("Equals", "Contains", "StartsWith", "EndsWith", "EqualsAny");

    private static final Pattern RULE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,127}");

    private final ManagedRuleCatalog catalog;

    public WafPolicyValidator(ManagedRuleCatalog catalog) {
        this.catalog = catalog;
    }

    public List<String> validate(WafPolicy policy) {
        List<String> errors = new ArrayList<>();
        if (policy.properties() == null || policy.properties().policySettings() == null) {
            errors.add("properties.policySettings is required.");
            return errors;
        }
        WafPolicy.PolicySettings settings = policy.properties().policySettings();
        oneOf(
                errors,
                "properties.policySettings.enabledState",
                settings.enabledState(),
                Set.of("Enabled", "Disabled"),
                true);
        oneOf(errors, "properties.policySettings.mode", settings.mode(), Set.of("Prevention", "Detection"), true);
        oneOf(
                errors,
                "properties.policySettings.requestBodyCheck",
                settings.requestBodyCheck(),
                Set.of("Enabled", "Disabled"),
                false);
        if (settings.customBlockResponseStatusCode() != null
                && !BLOCK_STATUSES.contains(settings.customBlockResponseStatusCode())) {
            errors.add(
                    "properties.policySettings.customBlockResponseStatusCode must be one of 200, 403, 405, 406, 429.");
        }
        if (settings.customBlockResponseBody() != null) {
            try {
                Base64.getDecoder().decode(settings.customBlockResponseBody());
            } catch (IllegalArgumentException ex) {
                errors.add("properties.policySettings.customBlockResponseBody must be base64-encoded.");
            }
        }
        List<CustomRule> rules = policy.properties().customRules() == null
                        || policy.properties().customRules().rules() == null
                ? List.of()
                : policy.properties().customRules().rules();
        if (rules.size() > MAX_CUSTOM_RULES) {
            errors.add("A policy can have at most " + MAX_CUSTOM_RULES + " custom rules; found " + rules.size() + ".");
        }
        Set<String> names = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            customRule(
                    errors,
                    "properties.customRules.rules[" + i + "]",
                    rules.get(i),
                    names,
                    priorities,
                    settings.redirectUrl() != null);
        }
        if (policy.properties().managedRules() != null
                && policy.properties().managedRules().managedRuleSets() != null) {
            List<ManagedRuleSet> sets = policy.properties().managedRules().managedRuleSets();
            for (int i = 0; i < sets.size(); i++) {
                managedRuleSet(errors, "properties.managedRules.managedRuleSets[" + i + "]", sets.get(i));
            }
        }
        return errors;
    }

    private void customRule(
            List<String> errors,
            String path,
            CustomRule rule,
            Set<String> names,
            Set<Integer> priorities,
            boolean redirectUrl) {
        if (rule.name() == null || !RULE_NAME.matcher(rule.name()).matches()) {
            errors.add(path + ".name must start with a letter and contain only letters and digits (up to 128).");
        } else if (!names.add(rule.name())) {
            errors.add(path + ".name '" + rule.name() + "' is used by another custom rule.");
        }
        if (rule.priority() == null || rule.priority() < 0) {
            errors.add(path + ".priority is required and must not be negative.");
        } else if (!priorities.add(rule.priority())) {
            errors.add(path + ".priority " + rule.priority() + " is used by another custom rule.");
        }
        oneOf(errors, path + ".enabledState", rule.enabledState(), Set.of("Enabled", "Disabled"), false);
        oneOf(errors, path + ".ruleType", rule.ruleType(), Set.of("MatchRule", "RateLimitRule"), true);
        oneOf(errors, path + ".action", rule.action(), Set.of("Allow", "Block", "Log", "Redirect"), true);
        if ("Redirect".equals(rule.action()) && !redirectUrl) {
            errors.add(path + ".action Redirect needs properties.policySettings.redirectUrl.");
        }
        if ("RateLimitRule".equals(rule.ruleType())) {
            if (rule.rateLimitDurationInMinutes() == null
                    || (rule.rateLimitDurationInMinutes() != 1 && rule.rateLimitDurationInMinutes() != 5)) {
                errors.add(path + ".rateLimitDurationInMinutes must be 1 or 5.");
            }
            if (rule.rateLimitThreshold() == null || rule.rateLimitThreshold() < 1) {
                errors.add(path + ".rateLimitThreshold must be a positive number of requests.");
            }
        }
        List<MatchCondition> conditions = rule.matchConditions() == null ? List.of() : rule.matchConditions();
        if (conditions.isEmpty() || conditions.size() > MAX_CONDITIONS) {
            errors.add(path + ".matchConditions must have between 1 and " + MAX_CONDITIONS + " conditions.");
        }
        int ipRanges = 0;
        for (int j = 0; j < conditions.size(); j++) {
            MatchCondition condition = conditions.get(j);
            String at = path + ".matchConditions[" + j + "]";
            oneOf(errors, at + ".matchVariable", condition.matchVariable(), MATCH_VARIABLES, true);
            oneOf(errors, at + ".operator", condition.operator(), OPERATORS, true);
            if (Set.of("RequestHeader", "Cookies", "PostArgs").contains(condition.matchVariable())
                    && condition.selector() == null
                    && "RequestHeader".equals(condition.matchVariable())) {
                errors.add(at + ".selector names the header RequestHeader inspects.");
            }
            List<String> values = condition.matchValue() == null ? List.of() : condition.matchValue();
            if (values.isEmpty() && !"Any".equals(condition.operator())) {
                errors.add(at + ".matchValue needs at least one value.");
            }
            if (condition.transforms() != null) {
                for (String transform : condition.transforms()) {
                    oneOf(errors, at + ".transforms", transform, TRANSFORMS, true);
                }
            }
            if ("IPMatch".equals(condition.operator())) {
                ipRanges += values.size();
                for (String value : values) {
                    try {
                        IpRange.parse(value);
                    } catch (IllegalArgumentException ex) {
                        errors.add(at + ".matchValue: " + ex.getMessage() + ".");
                    }
                }
            }
            if ("RegEx".equals(condition.operator())) {
                for (String value : values) {
                    try {
                        Pattern.compile(value);
                    } catch (PatternSyntaxException ex) {
                        errors.add(at + ".matchValue '" + value + "' is not a valid regular expression.");
                    }
                }
            }
            if (condition.operator() != null && condition.operator().matches("(Less|Greater)Than(OrEqual)?")) {
                for (String value : values) {
                    if (!value.matches("\\d{1,9}")) {
                        errors.add(at + ".matchValue '" + value + "' must be a whole number for " + condition.operator()
                                + ".");
                    }
                }
            }
        }
        if (ipRanges > MAX_IP_RANGES) {
            errors.add(path + " has " + ipRanges + " IP ranges; a custom rule can have at most " + MAX_IP_RANGES + ".");
        }
    }

    private void managedRuleSet(List<String> errors, String path, ManagedRuleSet set) {
        ManagedRuleCatalog.RuleSet ruleSet = set.ruleSetType() == null ? null : catalog.ruleSet(set.ruleSetType());
        if (ruleSet == null) {
            errors.add(path + ".ruleSetType must be one of " + catalog.types() + ".");
            return;
        }
        if (set.ruleSetVersion() == null || !ruleSet.versions().contains(set.ruleSetVersion())) {
            errors.add(path + ".ruleSetVersion must be one of " + ruleSet.versions() + ".");
        }
        oneOf(errors, path + ".ruleSetAction", set.ruleSetAction(), Set.of("Block", "Log", "Redirect"), false);
        exclusions(errors, path + ".exclusions", set.exclusions());
        if (set.ruleGroupOverrides() == null) {
            return;
        }
        Map<String, Set<String>> groups = ruleSet.ruleIdsByGroup();
        for (int i = 0; i < set.ruleGroupOverrides().size(); i++) {
            RuleGroupOverride group = set.ruleGroupOverrides().get(i);
            String at = path + ".ruleGroupOverrides[" + i + "]";
            Set<String> ids = groups.get(group.ruleGroupName());
            if (ids == null) {
                errors.add(at + ".ruleGroupName must be one of " + groups.keySet() + ".");
                continue;
            }
            exclusions(errors, at + ".exclusions", group.exclusions());
            if (group.rules() == null) {
                continue;
            }
            for (int j = 0; j < group.rules().size(); j++) {
                WafPolicy.ManagedRuleOverride rule = group.rules().get(j);
                String ruleAt = at + ".rules[" + j + "]";
                if (!ids.contains(rule.ruleId())) {
                    errors.add(ruleAt + ".ruleId '" + rule.ruleId() + "' is not a rule of group "
                            + group.ruleGroupName() + ".");
                }
                oneOf(errors, ruleAt + ".enabledState", rule.enabledState(), Set.of("Enabled", "Disabled"), false);
                oneOf(
                        errors,
                        ruleAt + ".action",
                        rule.action(),
                        Set.of("AnomalyScoring", "Block", "Log", "Allow", "Redirect"),
                        false);
                exclusions(errors, ruleAt + ".exclusions", rule.exclusions());
            }
        }
    }

    private static void exclusions(List<String> errors, String path, List<Exclusion> exclusions) {
        if (exclusions == null) {
            return;
        }
        for (int i = 0; i < exclusions.size(); i++) {
            Exclusion exclusion = exclusions.get(i);
            oneOf(errors, path + "[" + i + "].matchVariable", exclusion.matchVariable(), EXCLUSION_VARIABLES, true);
            oneOf(
                    errors,
                    path + "[" + i + "].selectorMatchOperator",
                    exclusion.selectorMatchOperator(),
                    SELECTOR_OPERATORS,
                    true);
            if (!"EqualsAny".equals(exclusion.selectorMatchOperator())
                    && (exclusion.selector() == null || exclusion.selector().isEmpty())) {
                errors.add(path + "[" + i + "].selector is required unless selectorMatchOperator is EqualsAny.");
            }
        }
    }

    private static void oneOf(List<String> errors, String path, String value, Set<String> allowed, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(path + " is required (one of " + new java.util.TreeSet<>(allowed) + ").");
            }
            return;
        }
        if (!allowed.contains(value)) {
            errors.add(path + " '" + value + "' is not one of " + new java.util.TreeSet<>(allowed) + ".");
        }
    }
}
