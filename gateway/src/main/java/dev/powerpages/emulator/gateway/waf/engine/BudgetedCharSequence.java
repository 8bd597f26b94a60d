package dev.powerpages.emulator.gateway.waf.engine;

/**
 * A value whose characters may be read only so many times: java.util.regex has no match limit
 * (PCRE, which ModSecurity uses, has one), and some CRS patterns backtrack quadratically on large
 * bodies. Reading past the budget throws {@link BudgetExceeded}, which ends the match.
 */
final class BudgetedCharSequence implements CharSequence {

	private final CharSequence value;

	private final long[] budget;

	BudgetedCharSequence(CharSequence value, long budget) {
		this(value, new long[] { budget });
	}

	private BudgetedCharSequence(CharSequence value, long[] budget) {
		this.value = value;
		this.budget = budget;
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
		return new BudgetedCharSequence(value.subSequence(start, end), budget);
	}

	@Override
	public String toString() {
		return value.toString();
	}

	static final class BudgetExceeded extends RuntimeException {

		BudgetExceeded() {
			super(null, null, false, false);
		}

	}

}
