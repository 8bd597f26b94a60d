package dev.powerpages.emulator.gateway.waf.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds operators from their SecLang text. The subset supported is documented in docs/waf.md;
 * an unknown operator fails the rule file's loading, never a request.
 */
final class Operators {

	private Operators() {
	}

	/**
	 * @param text e.g. {@code @rx (?i)<script} or {@code !@streq GET}; a bare argument means @rx
	 * @param dataFiles reads a data file named by @pmFromFile
	 */
	static Operator parse(String text, Function<String, List<String>> dataFiles) {
		boolean negated = text.startsWith("!");
		String body = negated ? text.substring(1) : text;
		String name;
		String argument;
		if (body.startsWith("@")) {
			int space = body.indexOf(' ');
			name = (space < 0 ? body.substring(1) : body.substring(1, space)).toLowerCase(Locale.ROOT);
			argument = space < 0 ? "" : body.substring(space + 1);
		}
		else {
			name = "rx";
			argument = body;
		}
		Operator operator = switch (name) {
			case "rx" -> regex(argument);
			case "pm" -> phrases(Arrays.asList(argument.split("\\s+")));
			case "pmfromfile", "pmf" -> phrases(dataFiles.apply(argument.strip()));
			case "contains" -> value -> value.contains(argument);
			case "containsword" -> regex("\\b" + Pattern.quote(argument) + "\\b");
			case "beginswith" -> value -> value.startsWith(argument);
			case "endswith" -> value -> value.endsWith(argument);
			case "streq" -> value -> value.equals(argument);
			case "within" -> value -> !value.isEmpty() && argument.contains(value);
			case "eq" -> numeric(argument, c -> c == 0);
			case "gt" -> numeric(argument, c -> c > 0);
			case "ge" -> numeric(argument, c -> c >= 0);
			case "lt" -> numeric(argument, c -> c < 0);
			case "le" -> numeric(argument, c -> c <= 0);
			case "detectsqli" -> SqlInjectionDetector::isInjection;
			case "detectxss" -> XssDetector::isXss;
			case "validatebyterange" -> byteRange(argument);
			case "unconditionalmatch" -> value -> true;
			case "nomatch" -> value -> false;
			default -> throw new IllegalArgumentException("Unsupported operator @" + name);
		};
		return negated ? operator.negate() : operator;
	}

	/**
	 * PCRE as the CRS writes it, translated where Java's syntax differs: POSIX classes such as
	 * [[:alpha:]] and the \x{…} form that Java already shares.
	 */
	static Operator regex(String pcre) {
		String java = pcre.replace("[:alpha:]", "\\p{Alpha}")
			.replace("[:digit:]", "\\d")
			.replace("[:alnum:]", "\\p{Alnum}")
			.replace("[:space:]", "\\s")
			.replace("[:upper:]", "\\p{Upper}")
			.replace("[:lower:]", "\\p{Lower}")
			.replace("[:punct:]", "\\p{Punct}")
			.replace("[:xdigit:]", "\\p{XDigit}");
		Pattern pattern = Pattern.compile(java, Pattern.DOTALL);
		return value -> {
			try {
				return pattern.matcher(new BudgetedCharSequence(value, 1_000_000L + 200L * value.length())).find();
			}
			catch (BudgetedCharSequence.BudgetExceeded exceeded) {
				// PCRE's match limit: a backtracking blow-up ends as "no match", as in ModSecurity.
				return false;
			}
		};
	}

	/** Case-insensitive phrase match (Aho-Corasick in ModSecurity; a linear scan is enough here). */
	static Operator phrases(List<String> phrases) {
		String[] lower = phrases.stream()
			.map(String::strip)
			.filter(p -> !p.isEmpty() && !p.startsWith("#"))
			.map(p -> p.toLowerCase(Locale.ROOT))
			.distinct()
			.toArray(String[]::new);
		return value -> {
			String haystack = value.toLowerCase(Locale.ROOT);
			for (String phrase : lower) {
				if (haystack.contains(phrase)) {
					return true;
				}
			}
			return false;
		};
	}

	private static Operator numeric(String argument, java.util.function.IntPredicate comparison) {
		long expected = Long.parseLong(argument.strip());
		return value -> {
			try {
				return comparison.test(Long.compare(Long.parseLong(value.strip()), expected));
			}
			catch (NumberFormatException notNumber) {
				return false;
			}
		};
	}

	/** True when a character falls outside the allowed ranges ("20,45-47,48-57"). */
	private static Operator byteRange(String argument) {
		boolean[] allowed = new boolean[256];
		for (String part : argument.split(",")) {
			String[] bounds = part.strip().split("-");
			int from = Integer.parseInt(bounds[0].strip());
			int to = bounds.length > 1 ? Integer.parseInt(bounds[1].strip()) : from;
			for (int b = from; b <= to && b < 256; b++) {
				allowed[b] = true;
			}
		}
		return value -> value.chars().anyMatch(c -> c > 255 || !allowed[c]);
	}

}
