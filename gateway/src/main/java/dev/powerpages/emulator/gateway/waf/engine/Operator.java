package dev.powerpages.emulator.gateway.waf.engine;

/** A SecLang operator ({@code @rx}, {@code @pm}, {@code @detectSQLi}, …) bound to its argument. */
@FunctionalInterface
public interface Operator {

	boolean matches(String value);

	default Operator negate() {
		return value -> !matches(value);
	}

}
