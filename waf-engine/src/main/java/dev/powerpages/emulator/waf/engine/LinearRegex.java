package dev.powerpages.emulator.waf.engine;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A rule's PCRE run on RE2/J, Google's linear-time engine: a search costs time proportional to
 * the value's length whatever the pattern, so no input can make a rule backtrack (Coraza runs the
 * same CRS on Go's RE2-style regexp for this reason). RE2 has no backreferences or lookaround;
 * a pattern that needs them does not compile here and stays on java.util.regex with its match
 * limit ({@link Operators#regex}). The few CRS rules that do are listed in docs/waf.md.
 *
 * <p>Java's engine tries a value first and RE2/J searches it only when that would backtrack
 * ({@link Operators#regex}), so the pattern is translated where RE2 reads the same text
 * differently from java.util.regex (which, for these, reads it as PCRE does):
 * <ul>
 * <li>{@code $} (without {@code (?m)}) also matches before a final line terminator; in RE2 only
 * at the very end. It becomes {@code (?:(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z)}.</li>
 * <li>{@code \s} includes the vertical tab (as in PCRE since 8.34 and Perl); not in RE2. It
 * becomes {@code [\s\x0B]} ({@code \s\x0B} inside a class, {@code [^\s\x0B]} for {@code \S}
 * outside one).</li>
 * </ul>
 * POSIX classes ({@code [[:alpha:]]}), {@code \x{…}}, {@code \Q…\E} and {@code (?i)} are RE2's
 * own. Differences left, on values only RE2 reads: RE2's {@code (?i)} folds case by Unicode's
 * simple folding (the Kelvin sign folds to {@code k}; the literal prefilter still requires the
 * ASCII literals), and its {@code \b} is ASCII (as PCRE's) where Java 17's counts any letter.
 */
final class LinearRegex {

    private static final java.util.regex.Pattern MULTILINE_FLAG = java.util.regex.Pattern.compile("\\(\\?[a-zA-Z]*m");

    private LinearRegex() {}

    /** The pattern on RE2/J, or null when it uses what RE2 does not have (backreferences, lookaround, …). */
    static Pattern compile(String pcre) {
        String re2 = translate(pcre);
        if (re2 == null) {
            return null;
        }
        try {
            return Pattern.compile(re2, Pattern.DOTALL);
        } catch (PatternSyntaxException | IllegalArgumentException unsupported) {
            return null;
        }
    }

    /** RE2 syntax for a PCRE, or null for a construct the translation does not read safely. */
    static String translate(String pcre) {
        boolean multiline = MULTILINE_FLAG.matcher(pcre).lookingAt();
        StringBuilder out = new StringBuilder(pcre.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < pcre.length(); i++) {
            char c = pcre.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pcre.length()) {
                    return null;
                }
                char next = pcre.charAt(++i);
                if (next == 's') {
                    out.append(inClass ? "\\s\\x0B" : "[\\s\\x0B]");
                } else if (next == 'S' && !inClass) {
                    out.append("[^\\s\\x0B]");
                } else if (next == 'Q') {
                    // \Q…\E quotes literally: copy through to \E.
                    int end = pcre.indexOf("\\E", i + 1);
                    String quoted = end < 0 ? pcre.substring(i + 1) : pcre.substring(i + 1, end);
                    out.append(Pattern.quote(quoted));
                    i = end < 0 ? pcre.length() : end + 1;
                } else {
                    out.append(c).append(next);
                }
                continue;
            }
            if (inClass) {
                if (c == '[' && i + 1 < pcre.length() && pcre.charAt(i + 1) == ':') {
                    int end = pcre.indexOf(":]", i + 2);
                    if (end < 0) {
                        return null;
                    }
                    out.append(pcre, i, end + 2);
                    i = end + 1;
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                // A ']' right after '[' or '[^' is a literal member, as in PCRE.
                if (i + 1 < pcre.length() && pcre.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < pcre.length() && pcre.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '$' && !multiline) {
                out.append("(?:(?:\\r\\n|[\\n\\r\\x{85}\\x{2028}\\x{2029}])?\\z)");
                continue;
            }
            out.append(c);
        }
        return inClass ? null : out.toString();
    }
}
