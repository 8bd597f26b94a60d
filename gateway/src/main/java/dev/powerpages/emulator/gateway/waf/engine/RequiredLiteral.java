package dev.powerpages.emulator.gateway.waf.engine;

/**
 * The longest run of plain characters every match of a regex must contain, found conservatively:
 * only at the top level of a pattern without a top-level alternation, never inside a group or a
 * class, and never a character a quantifier applies to. A value without it cannot match, so the
 * regex need not scan it: a linear {@code contains} instead of a backtracking search at every
 * position (CRS 941140, {@code [a-z]+=(?:[^:=]+:[^;]+;)*?[^:=]+:url\(javascript}, is quadratic on
 * long text and needs ":url(javascript"). Hyperscan and RE2 prefilter the same way.
 */
final class RequiredLiteral {

	private static final int MINIMUM = 2;

	private RequiredLiteral() {
	}

	/**
	 * @return the literal (lower case when the pattern starts with {@code (?i)}), or null when
	 * none can be proven
	 */
	static String of(String pattern) {
		String p = pattern;
		boolean caseInsensitive = false;
		if (p.startsWith("(?i)")) {
			caseInsensitive = true;
			p = p.substring(4);
		}
		StringBuilder best = new StringBuilder();
		StringBuilder run = new StringBuilder();
		int depth = 0;
		int i = 0;
		while (i < p.length()) {
			char c = p.charAt(i);
			int next;
			Character literal = null;
			if (c == '\\') {
				if (i + 1 >= p.length()) {
					return null;
				}
				char e = p.charAt(i + 1);
				if (Character.isLetterOrDigit(e)) {
					// \b, \s, \x41, \x{ff}, \1 …: a class, an assertion or a code not worth decoding.
					next = skipEscape(p, i);
				}
				else {
					literal = e;
					next = i + 2;
				}
			}
			else if (c == '[') {
				next = skipClass(p, i);
				if (next < 0) {
					return null;
				}
			}
			else if (c == '(') {
				if (depth == 0 && p.startsWith("(?", i) && i + 2 < p.length() && Character.isLetter(p.charAt(i + 2))
						&& p.indexOf(')', i) > 0 && !p.substring(i, p.indexOf(')', i)).contains(":")) {
					// An inline flag such as (?s) changes how what follows matches: give up.
					return null;
				}
				depth++;
				next = i + 1;
			}
			else if (c == ')') {
				depth--;
				next = i + 1;
			}
			else if (c == '|') {
				if (depth == 0) {
					return null;
				}
				next = i + 1;
			}
			else if (".^$".indexOf(c) >= 0) {
				next = i + 1;
			}
			else if ("?*+{".indexOf(c) >= 0) {
				// A quantifier: the character (or group) before it is optional or repeated.
				if (run.length() > 0 && depth == 0) {
					run.setLength(run.length() - 1);
				}
				keep(best, run);
				run.setLength(0);
				i = c == '{' ? Math.max(i + 1, p.indexOf('}', i) + 1) : i + 1;
				continue;
			}
			else {
				literal = c;
				next = i + 1;
			}
			if (literal != null && depth == 0) {
				run.append(literal.charValue());
			}
			else if (depth == 0 || c == '(') {
				keep(best, run);
				run.setLength(0);
			}
			i = next;
			if (depth < 0) {
				return null;
			}
		}
		// A quantifier right after the pattern's end cannot follow; the last run is whole.
		keep(best, run);
		if (depth != 0 || best.length() < MINIMUM) {
			return null;
		}
		String found = best.toString();
		if (!caseInsensitive) {
			return found;
		}
		// (?i) folds US-ASCII letters only (no UNICODE_CASE), so the literal is lowered the same way.
		StringBuilder lower = new StringBuilder(found.length());
		for (int k = 0; k < found.length(); k++) {
			char c = found.charAt(k);
			lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
		}
		return lower.toString();
	}

	private static void keep(StringBuilder best, StringBuilder run) {
		if (run.length() > best.length()) {
			best.setLength(0);
			best.append(run);
		}
	}

	private static int skipEscape(String p, int i) {
		char e = p.charAt(i + 1);
		if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < p.length() && p.charAt(i + 2) == '{') {
			int close = p.indexOf('}', i);
			return close < 0 ? p.length() : close + 1;
		}
		if (e == 'x') {
			return Math.min(p.length(), i + 4);
		}
		return i + 2;
	}

	/** The index after the class that starts at {@code i}, or -1. */
	private static int skipClass(String p, int i) {
		int j = i + 1;
		if (j < p.length() && p.charAt(j) == '^') {
			j++;
		}
		if (j < p.length() && p.charAt(j) == ']') {
			j++;
		}
		int nested = 1;
		while (j < p.length()) {
			char c = p.charAt(j);
			if (c == '\\') {
				j += 2;
				continue;
			}
			if (c == '[') {
				nested++;
			}
			else if (c == ']' && --nested == 0) {
				return j + 1;
			}
			j++;
		}
		return -1;
	}

}
