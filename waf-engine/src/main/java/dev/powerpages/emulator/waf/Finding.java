package dev.powerpages.emulator.waf;

/**
 * One rule that matched a request, as the WAF log records it.
 *
 * @param ruleSet the managed rule set's type, or "CustomRule"
 * @param action what the rule did: AnomalyScoring, Block, Log, Allow or Redirect
 */
public record Finding(
        String ruleSet,
        String ruleId,
        String group,
        String message,
        String severity,
        String variable,
        String value,
        String action) {}
