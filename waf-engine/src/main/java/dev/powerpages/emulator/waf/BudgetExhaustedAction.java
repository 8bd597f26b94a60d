package dev.powerpages.emulator.waf;

/** What a request whose inspection ran out of budget gets (gateway.waf.on-inspection-budget-exhausted). */
public enum BudgetExhaustedAction {

    /**
     * Treated as an anomaly at the threshold: the managed rule set's ruleSetAction applies
     * (Block in Prevention; logged only in Detection), as Front Door treats a body it cannot
     * inspect as a match when its body inspection is on.
     */
    Block,

    /** Only logged; the request goes on as the rules evaluated so far decide. */
    Log
}
