package dev.powerpages.emulator.waf.catalog;

import dev.powerpages.emulator.waf.engine.RuleEngine;
import dev.powerpages.emulator.waf.engine.RuleSetLoader;
import dev.powerpages.emulator.waf.engine.WafRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The managed rule sets the gateway offers, by Front Door's names, each loaded once at start from
 * its rule files: {@code Microsoft_DefaultRuleSet} 2.1 (classpath waf/drs, CRS-based as Front
 * Door's is) and {@code Microsoft_BotManagerRuleSet} 1.0 (waf/bots).
 */
public final class ManagedRuleCatalog {

    public static final String DEFAULT_RULE_SET = "Microsoft_DefaultRuleSet";

    public static final String BOT_MANAGER_RULE_SET = "Microsoft_BotManagerRuleSet";

    private final Map<String, RuleSet> ruleSets = new LinkedHashMap<>();

    public ManagedRuleCatalog() {
        ruleSets.put(
                DEFAULT_RULE_SET,
                new RuleSet(DEFAULT_RULE_SET, Set.of("2.1", "2.0"), new RuleEngine(RuleSetLoader.load("waf/drs"))));
        ruleSets.put(
                BOT_MANAGER_RULE_SET,
                new RuleSet(
                        BOT_MANAGER_RULE_SET, Set.of("1.0", "1.1"), new RuleEngine(RuleSetLoader.load("waf/bots"))));
    }

    public RuleSet ruleSet(String type) {
        return ruleSets.get(type);
    }

    public Set<String> types() {
        return ruleSets.keySet();
    }

    /** One rule set: its versions, engine, and rules by group. */
    public record RuleSet(String type, Set<String> versions, RuleEngine engine) {

        public Map<String, Set<String>> ruleIdsByGroup() {
            Map<String, Set<String>> groups = new LinkedHashMap<>();
            for (WafRule rule : engine.rules()) {
                groups.computeIfAbsent(rule.group(), g -> new TreeSet<>()).add(rule.id());
            }
            return groups;
        }

        public List<WafRule> rules() {
            return engine.rules();
        }
    }
}
