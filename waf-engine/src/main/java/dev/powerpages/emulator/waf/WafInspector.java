package dev.powerpages.emulator.waf;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.custom.CustomRuleMatcher;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.engine.InspectionBudget;
import dev.powerpages.emulator.waf.engine.RuleEngine;
import dev.powerpages.emulator.waf.engine.RuleMatch;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.engine.WafRule;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import dev.powerpages.emulator.waf.policy.WafPolicy.CustomRule;
import dev.powerpages.emulator.waf.policy.WafPolicy.Exclusion;
import dev.powerpages.emulator.waf.policy.WafPolicy.ManagedRuleOverride;
import dev.powerpages.emulator.waf.policy.WafPolicy.ManagedRuleSet;
import dev.powerpages.emulator.waf.policy.WafPolicy.RuleGroupOverride;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A policy compiled for evaluation, in Front Door's order: custom rules by ascending priority
 * (Allow ends evaluation, Block and Redirect end it with that action, Log records and goes on;
 * a rate-limit rule acts only once a client exceeds its threshold), then the managed rule sets.
 * The Default Rule Set scores anomalies (critical 5, error 4, warning 3, notice 2) and applies
 * its ruleSetAction at a score of 5; a rule overridden to Block, Log or Allow acts by itself.
 */
public final class WafInspector {

    /** Front Door DRS 2.x: a request is blocked once its anomaly score reaches 5. */
    public static final int ANOMALY_THRESHOLD = 5;

    private final WafPolicy policy;

    private final List<CustomRuleMatcher> customRules;

    private final List<CompiledRuleSet> ruleSets;

    /** The default of gateway.waf.inspection-budget (application.yml), for callers without properties. */
    public static final long DEFAULT_INSPECTION_BUDGET = 100_000_000L;

    /** The message the WAF log gives a request whose inspection ran out of budget. */
    public static final String BUDGET_EXHAUSTED = "Inspection budget exhausted";

    private final RateLimiter rateLimiter;

    private final long inspectionBudget;

    private final BudgetExhaustedAction onBudgetExhausted;

    public WafInspector(WafPolicy policy, ManagedRuleCatalog catalog, GeoIpMap geo, RateLimiter rateLimiter) {
        this(policy, catalog, geo, rateLimiter, DEFAULT_INSPECTION_BUDGET, BudgetExhaustedAction.Block);
    }

    /**
     * @param inspectionBudget characters one request's managed-rule inspection may read (0 or less: no limit)
     * @param onBudgetExhausted what a request that exhausts it gets
     */
    public WafInspector(
            WafPolicy policy,
            ManagedRuleCatalog catalog,
            GeoIpMap geo,
            RateLimiter rateLimiter,
            long inspectionBudget,
            BudgetExhaustedAction onBudgetExhausted) {
        this.policy = policy;
        this.rateLimiter = rateLimiter;
        this.inspectionBudget = inspectionBudget;
        this.onBudgetExhausted = onBudgetExhausted;
        WafPolicy.Properties properties = policy.properties();
        List<CustomRule> rules =
                properties.customRules() == null || properties.customRules().rules() == null
                        ? List.of()
                        : properties.customRules().rules();
        this.customRules = rules.stream()
                .filter(rule -> !"Disabled".equals(rule.enabledState()))
                .sorted(Comparator.comparing(CustomRule::priority))
                .map(rule -> new CustomRuleMatcher(rule, geo))
                .toList();
        List<ManagedRuleSet> managed =
                properties.managedRules() == null || properties.managedRules().managedRuleSets() == null
                        ? List.of()
                        : properties.managedRules().managedRuleSets();
        this.ruleSets = managed.stream()
                .map(set -> new CompiledRuleSet(set, catalog.ruleSet(set.ruleSetType())))
                .toList();
    }

    public WafPolicy policy() {
        return policy;
    }

    public boolean enabled() {
        return "Enabled".equals(policy.properties().policySettings().enabledState());
    }

    public boolean prevention() {
        return !"Detection".equals(policy.properties().policySettings().mode());
    }

    public boolean inspectsBody() {
        return !"Disabled".equals(policy.properties().policySettings().requestBodyCheck());
    }

    public Verdict inspect(WafRequest request, String socketIp, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (CustomRuleMatcher matcher : customRules) {
            CustomRule rule = matcher.rule();
            CustomRuleMatcher.Hit hit = matcher.match(request, socketIp);
            if (hit == null) {
                continue;
            }
            if ("RateLimitRule".equals(rule.ruleType())
                    && !rateLimiter.overLimit(
                            rule.name(),
                            request.clientIp(),
                            rule.rateLimitDurationInMinutes(),
                            rule.rateLimitThreshold(),
                            now)) {
                continue;
            }
            findings.add(new Finding(
                    "CustomRule",
                    rule.name(),
                    null,
                    "Custom rule " + rule.name() + " matched",
                    null,
                    hit.variable(),
                    excerpt(hit.value()),
                    rule.action()));
            switch (rule.action()) {
                case "Allow" -> {
                    return new Verdict(Verdict.Decision.ALLOW, findings, 0);
                }
                case "Block" -> {
                    return new Verdict(Verdict.Decision.BLOCK, findings, 0);
                }
                case "Redirect" -> {
                    return new Verdict(Verdict.Decision.REDIRECT, findings, 0);
                }
                default -> {
                    // Log: recorded, evaluation goes on.
                }
            }
        }
        Verdict.Decision decision = Verdict.Decision.PASS;
        int score = 0;
        InspectionBudget budget =
                inspectionBudget > 0 ? new InspectionBudget(inspectionBudget) : InspectionBudget.unlimited();
        for (CompiledRuleSet ruleSet : ruleSets) {
            RuleEngine.Result result = ruleSet.evaluate(request, budget);
            for (RuleMatch match : result.matches()) {
                WafRule rule = match.rule();
                String action = ruleSet.action(rule);
                findings.add(new Finding(
                        ruleSet.type(),
                        rule.id(),
                        rule.group(),
                        rule.message(),
                        rule.severity().name(),
                        match.variable(),
                        match.value(),
                        action));
                switch (action) {
                    case "AnomalyScoring" -> {
                        score += rule.score();
                        if (score >= ANOMALY_THRESHOLD && decision == Verdict.Decision.PASS) {
                            decision = ruleSet.scoreDecision();
                        }
                    }
                    case "Block" -> decision = Verdict.Decision.BLOCK;
                    case "Redirect" -> {
                        if (decision != Verdict.Decision.BLOCK) {
                            decision = Verdict.Decision.REDIRECT;
                        }
                    }
                    default -> {
                        // Log and Allow (a good bot) only record the match.
                    }
                }
            }
            WafRule stoppedIn = result.exhaustedIn();
            if (stoppedIn != null) {
                // The rest of the request is not inspected: the configured policy decides.
                boolean block = onBudgetExhausted == BudgetExhaustedAction.Block;
                findings.add(new Finding(
                        ruleSet.type(),
                        stoppedIn.id(),
                        stoppedIn.group(),
                        BUDGET_EXHAUSTED + " (" + budget.limit() + " characters) in rule " + stoppedIn.id()
                                + "; the remaining rules were not evaluated",
                        null,
                        null,
                        null,
                        block ? "AnomalyScoring" : "Log"));
                if (block && decision == Verdict.Decision.PASS) {
                    decision = ruleSet.scoreDecision();
                }
                break;
            }
        }
        return new Verdict(decision, findings, score);
    }

    private static String excerpt(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    /** One managed rule set with its overrides and exclusions resolved. */
    private static final class CompiledRuleSet {

        private final ManagedRuleCatalog.RuleSet ruleSet;

        private final String ruleSetAction;

        private final Set<String> disabled = new HashSet<>();

        private final Map<String, String> actions = new HashMap<>();

        private final List<Exclusion> setExclusions;

        private final Map<String, List<Exclusion>> groupExclusions = new HashMap<>();

        private final Map<String, List<Exclusion>> ruleExclusions = new HashMap<>();

        /** The scope of rules whose group and id have no exclusions of their own: the rule set's alone. */
        private static final Object SET_SCOPE = new Object();

        /** The rules enabled and their exclusion scopes, asked once per policy rather than per rule and request. */
        private final RuleEngine.Plan plan;

        CompiledRuleSet(ManagedRuleSet set, ManagedRuleCatalog.RuleSet ruleSet) {
            this.ruleSet = ruleSet;
            this.ruleSetAction = set.ruleSetAction() == null ? "Block" : set.ruleSetAction();
            this.setExclusions = set.exclusions() == null ? List.of() : set.exclusions();
            if (set.ruleGroupOverrides() != null) {
                for (RuleGroupOverride group : set.ruleGroupOverrides()) {
                    if (group.exclusions() != null) {
                        groupExclusions.put(group.ruleGroupName(), group.exclusions());
                    }
                    if (group.rules() == null) {
                        continue;
                    }
                    for (ManagedRuleOverride rule : group.rules()) {
                        if ("Disabled".equals(rule.enabledState())) {
                            disabled.add(rule.ruleId());
                        }
                        if (rule.action() != null) {
                            actions.put(rule.ruleId(), rule.action());
                        }
                        if (rule.exclusions() != null) {
                            ruleExclusions.put(rule.ruleId(), rule.exclusions());
                        }
                    }
                }
            }
            this.plan = ruleSet.engine().plan(rule -> !disabled.contains(rule.id()), new RequestExclusions());
        }

        String type() {
            return ruleSet.type();
        }

        RuleEngine.Result evaluate(WafRequest request, InspectionBudget budget) {
            return ruleSet.engine().evaluate(request, plan, new RequestExclusions(), budget);
        }

        /** The exclusions as one request asks them. */
        private final class RequestExclusions implements RuleEngine.Exclusions {

            /**
             * Every rule asks about every argument, and a hostile form body's names can be 128 KB long: each name is
             * lowered once per request, not once per rule and exclusion.
             */
            private final Map<String, String> lowered = new HashMap<>();

            @Override
            public boolean excluded(WafRule rule, String collection, String key) {
                return CompiledRuleSet.this.excluded(rule, collection, key, lowered);
            }

            @Override
            public Object scope(WafRule rule) {
                return CompiledRuleSet.this.scope(rule);
            }

            @Override
            public boolean excludesNothing(WafRule rule) {
                return CompiledRuleSet.this.excludesNothing(rule);
            }
        }

        /**
         * What a rule's exclusions depend on: the rule set's, its group's where the group has exclusions, its own
         * where it has some. Rules of groups without exclusions share one scope (the rule set's), so the engine selects
         * each target list's items once for all of them rather than once per group.
         */
        private Object scope(WafRule rule) {
            if (ruleExclusions.containsKey(rule.id())) {
                return Arrays.asList(rule.group(), rule.id());
            }
            return groupExclusions.containsKey(rule.group()) ? rule.group() : SET_SCOPE;
        }

        /** No exclusion of the rule set, of the rule's group or of the rule itself: nothing to ask per item. */
        private boolean excludesNothing(WafRule rule) {
            return setExclusions.isEmpty()
                    && isEmpty(groupExclusions.get(rule.group()))
                    && isEmpty(ruleExclusions.get(rule.id()));
        }

        private static boolean isEmpty(List<Exclusion> exclusions) {
            return exclusions == null || exclusions.isEmpty();
        }

        /** The rule's action: its override, else the rule set's default (anomaly scoring; bot rules by group). */
        String action(WafRule rule) {
            String override = actions.get(rule.id());
            if (override != null) {
                return override;
            }
            if (ManagedRuleCatalog.BOT_MANAGER_RULE_SET.equals(ruleSet.type())) {
                // Front Door's defaults: BadBots Block, GoodBots Allow, UnknownBots Log.
                return switch (rule.group()) {
                    case "BadBots" -> "Block";
                    case "GoodBots" -> "Allow";
                    default -> "Log";
                };
            }
            return "AnomalyScoring";
        }

        Verdict.Decision scoreDecision() {
            return switch (ruleSetAction) {
                case "Log" -> Verdict.Decision.PASS;
                case "Redirect" -> Verdict.Decision.REDIRECT;
                default -> Verdict.Decision.BLOCK;
            };
        }

        private boolean excluded(WafRule rule, String collection, String key, Map<String, String> lowered) {
            return excludedBy(setExclusions, collection, key, lowered)
                    || excludedBy(groupExclusions.get(rule.group()), collection, key, lowered)
                    || excludedBy(ruleExclusions.get(rule.id()), collection, key, lowered);
        }

        /** Front Door's exclusion variables name the parts of the request a rule then skips. */
        private static boolean excludedBy(
                List<Exclusion> exclusions, String collection, String key, Map<String, String> lowered) {
            if (exclusions == null || exclusions.isEmpty()) {
                return false;
            }
            for (Exclusion exclusion : exclusions) {
                boolean applies = switch (exclusion.matchVariable()) {
                    case "RequestHeaderNames" -> collection.startsWith("REQUEST_HEADERS");
                    case "RequestCookieNames" -> collection.startsWith("REQUEST_COOKIES");
                    case "QueryStringArgNames" -> collection.startsWith("ARGS") && !collection.startsWith("ARGS_POST");
                    case "RequestBodyPostArgNames" ->
                        collection.startsWith("ARGS") && !collection.startsWith("ARGS_GET");
                    case "RequestBodyJsonArgNames" -> collection.startsWith("ARGS") && key.startsWith("json.");
                    default -> false;
                };
                String name = exclusion.matchVariable().equals("RequestBodyJsonArgNames") && key.startsWith("json.")
                        ? key.substring("json.".length())
                        : key;
                if (applies && selects(exclusion, lowered.computeIfAbsent(name, n -> n.toLowerCase(Locale.ROOT)))) {
                    return true;
                }
            }
            return false;
        }

        /** @param n the name, lower case */
        private static boolean selects(Exclusion exclusion, String n) {
            String selector = exclusion.selector() == null ? "" : exclusion.selector();
            // Front Door compares selectors case-insensitively.
            String s = selector.toLowerCase(Locale.ROOT);
            return switch (exclusion.selectorMatchOperator()) {
                case "Equals" -> n.equals(s);
                case "Contains" -> n.contains(s);
                case "StartsWith" -> n.startsWith(s);
                case "EndsWith" -> n.endsWith(s);
                case "EqualsAny" -> true;
                default -> false;
            };
        }
    }
}
