package dev.powerpages.emulator.waf.engine;

/**
 * How much work one request's inspection may do, across all rules: a safety net on top of each
 * regex's own match limit. PCRE's match limit (ModSecurity's {@code SecPcreMatchLimit}) bounds one
 * call only, so a large value run through a few hundred rules stays costly even when no single
 * match blows up; ModSecurity and Front Door bound the request as a whole instead by what they
 * read ({@code SecRequestBodyLimit}, {@code SecArgumentsLimit}; Front Door's 128 KB inspection
 * limit). This budget counts characters: every character a regex reads (backtracking included),
 * and the length of every value handed to another operator or a transformation. Not thread-safe:
 * one per request.
 */
public final class InspectionBudget {

    private final long limit;

    private long remaining;

    public InspectionBudget(long limit) {
        this.limit = limit;
        this.remaining = limit;
    }

    /** No limit: for callers (and tests) that evaluate rules without a budget. */
    public static InspectionBudget unlimited() {
        return new InspectionBudget(Long.MAX_VALUE);
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return limit - remaining;
    }

    long remaining() {
        return remaining;
    }

    /** Spends {@code units} characters; throws once the budget is gone. */
    void charge(long units) {
        remaining -= units;
        if (remaining < 0) {
            remaining = 0;
            throw new Exhausted();
        }
    }

    /** Thrown inside a rule's evaluation; {@link RuleEngine} turns it into {@link RuleEngine.Result#exhaustedIn()}. */
    static final class Exhausted extends RuntimeException {

        Exhausted() {
            super(null, null, false, false);
        }
    }
}
