package dev.powerpages.emulator.waf.engine;

/**
 * One rule that fired: the variable it fired on (e.g. {@code ARGS:q}) and an excerpt of the
 * (transformed) value, as a WAF log shows them.
 */
public record RuleMatch(WafRule rule, String variable, String value) {}
