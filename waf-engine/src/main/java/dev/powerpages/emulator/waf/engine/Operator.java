package dev.powerpages.emulator.waf.engine;

/** A SecLang operator ({@code @rx}, {@code @pm}, {@code @detectSQLi}, …) bound to its argument. */
@FunctionalInterface
public interface Operator {

    boolean matches(String value);

    /**
     * Matches while spending the request's inspection budget. Linear operators are charged the
     * value's length; a regex is charged what it actually reads ({@link Operators#regex}).
     */
    default boolean matches(String value, InspectionBudget budget) {
        budget.charge(value.length());
        return matches(value);
    }

    default Operator negate() {
        Operator self = this;
        return new Operator() {

            @Override
            public boolean matches(String value) {
                return !self.matches(value);
            }

            @Override
            public boolean matches(String value, InspectionBudget budget) {
                return !self.matches(value, budget);
            }
        };
    }
}
