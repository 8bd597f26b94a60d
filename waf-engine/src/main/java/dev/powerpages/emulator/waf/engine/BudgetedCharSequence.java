package dev.powerpages.emulator.waf.engine;

/**
 * A value whose characters may be read only so many times: java.util.regex has no match limit
 * (PCRE, which ModSecurity uses, has one), and some CRS patterns backtrack quadratically on large
 * bodies. Reading past the budget throws {@link BudgetExceeded}, which ends the match;
 * {@link #reads()} says how many characters the match read, for the request's
 * {@link InspectionBudget}.
 */
final class BudgetedCharSequence implements CharSequence {

    /** A String, not any CharSequence: the matcher's charAt calls then stay monomorphic (~25 % faster). */
    private final String value;

    private final long[] budget;

    private final long initial;

    BudgetedCharSequence(String value, long budget) {
        this(value, new long[] {budget}, budget);
    }

    private BudgetedCharSequence(String value, long[] budget, long initial) {
        this.value = value;
        this.budget = budget;
        this.initial = initial;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new BudgetExceeded();
        }
        return value.charAt(index);
    }

    @Override
    public int length() {
        return value.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedCharSequence(value.substring(start, end), budget, initial);
    }

    /** Characters read so far (the budget given, at most). */
    long reads() {
        return initial - Math.max(0, budget[0]);
    }

    @Override
    public String toString() {
        return value;
    }

    static final class BudgetExceeded extends RuntimeException {

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }
}
