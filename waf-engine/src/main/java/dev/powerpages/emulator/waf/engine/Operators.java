package dev.powerpages.emulator.waf.engine;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds operators from their SecLang text. The subset supported is documented in docs/waf.md;
 * an unknown operator fails the rule file's loading, never a request.
 */
final class Operators {

    /**
     * Each regex call may read 1M characters plus 20 per character of the value before it ends
     * as "no match" (PCRE's default match limit is 10M steps; a step is not a character read).
     */
    static final long MATCH_LIMIT_BASE = 1_000_000L;

    static final long MATCH_LIMIT_PER_CHAR = 20L;

    /**
     * What java.util.regex may read on a pattern RE2/J also runs before the search moves to
     * RE2/J: an ordinary search reads each character a few times at most (100 000 + 20 per character
     * gave the lowest CPU on hostile 128 KB bodies of 10 000 + 4, 100 000 + 20 and 1M + 20).
     */
    static final long LINEAR_FALLBACK_BASE = 100_000L;

    static final long LINEAR_FALLBACK_PER_CHAR = 20L;

    private Operators() {}

    /**
     * @param text e.g. {@code @rx (?i)<script} or {@code !@streq GET}; a bare argument means @rx
     * @param dataFiles reads a data file named by @pmFromFile
     */
    static Operator parse(String text, Function<String, List<String>> dataFiles) {
        return parse(text, dataFiles, true);
    }

    /**
     * @param prefilter whether a regex skips values without its required literals; off only to
     * prove, in tests, that the prefilter changes no verdict
     */
    static Operator parse(String text, Function<String, List<String>> dataFiles, boolean prefilter) {
        boolean negated = text.startsWith("!");
        String body = negated ? text.substring(1) : text;
        String name;
        String argument;
        if (body.startsWith("@")) {
            int space = body.indexOf(' ');
            name = (space < 0 ? body.substring(1) : body.substring(1, space)).toLowerCase(Locale.ROOT);
            argument = space < 0 ? "" : body.substring(space + 1);
        } else {
            name = "rx";
            argument = body;
        }
        Operator operator = switch (name) {
            case "rx" -> regex(argument, prefilter);
            case "pm" -> phrases(Arrays.asList(argument.split("\\s+")), prefilter);
            case "pmfromfile", "pmf" -> phrases(dataFiles.apply(argument.strip()), prefilter);
            case "contains" -> value -> value.contains(argument);
            case "containsword" -> regex("\\b" + Pattern.quote(argument) + "\\b", prefilter);
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
        return regex(pcre, true);
    }

    static Operator regex(String pcre, boolean prefilter) {
        return regex(pcre, prefilter, NEAR_MATCH_WINDOW);
    }

    /**
     * How far before the automaton's first match end ({@link LazyDfaPrefilter#matchEnd}) java.util.regex looks first,
     * on values longer than this: on a 128 KB hostile value a search from the start tries the pattern at every
     * position before its first match (~1-2 ms for 932235 or 941160 on a hostile JSON body), while the matches CRS
     * patterns find are a few dozen characters long.
     */
    static final int NEAR_MATCH_WINDOW = 2048;

    /** @param nearMatchWindow {@link #NEAR_MATCH_WINDOW}; tests make it small to reach the windowed search often */
    static Operator regex(String pcre, boolean prefilter, int nearMatchWindow) {
        String java = javaPattern(pcre);
        RequiredLiterals required = prefilter ? RequiredLiterals.of(java) : null;
        Pattern backtracking = Pattern.compile(java, Pattern.DOTALL);
        com.google.re2j.Pattern linear = LinearRegex.compile(pcre);
        LazyDfaPrefilter automaton = !prefilter
                ? null
                : linear != null ? LazyDfaPrefilter.of(linear) : LazyDfaPrefilter.ofWithoutLookarounds(pcre);
        return new Regex(required, backtracking, linear, automaton, nearMatchWindow);
    }

    /**
     * An {@code @rx} operator. Its automaton is also read by {@link RuleEngine}, which asks one {@link MultiPatternDfa}
     * for all patterns that read the same transformed value and hands each its answer ({@link #matches(String,
     * InspectionBudget, boolean)}).
     */
    static final class Regex implements Operator {

        private final RequiredLiterals required;
        private final Pattern backtracking;
        private final com.google.re2j.Pattern linear;
        private final LazyDfaPrefilter automaton;
        private final int nearMatchWindow;

        private Regex(
                RequiredLiterals required,
                Pattern backtracking,
                com.google.re2j.Pattern linear,
                LazyDfaPrefilter automaton,
                int nearMatchWindow) {
            this.required = required;
            this.backtracking = backtracking;
            this.linear = linear;
            this.automaton = automaton;
            this.nearMatchWindow = nearMatchWindow;
        }

        /** The lazy DFA prefilter, or null (prefilters off, or neither the pattern nor it without lookarounds on RE2/J). */
        LazyDfaPrefilter automaton() {
            return automaton;
        }

        @Override
        public boolean matches(String value) {
            return matches(value, InspectionBudget.unlimited());
        }

        @Override
        public boolean matches(String value, InspectionBudget budget) {
            if (automaton != null) {
                // One table lookup per character: a value no substring of which can match
                // (assertions aside) is not searched at all. At least as selective as the
                // literal set (every substring the automaton accepts holds one of the
                // literals), and cheaper to read, so the literal scan is left out.
                int end = automaton.matchEnd(value);
                budget.charge(value.length());
                return end != LazyDfaPrefilter.NO_MATCH_END && exactly(value, budget, end);
            }
            if (required != null) {
                budget.charge(value.length());
                if (!required.foundIn(value)) {
                    return false;
                }
            }
            return exactly(value, budget, END_UNKNOWN);
        }

        /** {@link #exactly}: the automaton's {@link LazyDfaPrefilter#matchEnd} is not known yet. */
        private static final int END_UNKNOWN = Integer.MIN_VALUE;

        /**
         * As {@link #matches(String, InspectionBudget)}, with the automaton's answer already known ({@code mayMatch},
         * from a {@link MultiPatternDfa} pass over the value for several patterns). Charged as the automaton's own
         * pass was, so that the inspection budget (and any verdict it decides) is the same either way.
         */
        boolean matches(String value, InspectionBudget budget, boolean mayMatch) {
            budget.charge(value.length());
            return mayMatch && exactly(value, budget, END_UNKNOWN);
        }

        /** @param end the automaton's {@link LazyDfaPrefilter#matchEnd} on the value, or {@link #END_UNKNOWN} */
        private boolean exactly(String value, InspectionBudget budget, int end) {
            if (linear != null
                    && automaton != null
                    && value.length() > nearMatchWindow
                    && nearMatch(value, budget, end)) {
                return true;
            }
            if (linear == null) {
                return backtrackingSearch(
                        backtracking, value, budget, MATCH_LIMIT_BASE + MATCH_LIMIT_PER_CHAR * value.length(), false);
            }
            // java.util.regex first, on a short leash: on ordinary values it is several times
            // faster than RE2/J's NFA simulation. A value that would make it backtrack past
            // the leash is searched again on RE2/J, in time linear in its length, and gets the
            // exact answer rather than PCRE's "no match" at its match limit.
            Boolean found = backtrackingSearch(
                    backtracking,
                    value,
                    budget,
                    LINEAR_FALLBACK_BASE + LINEAR_FALLBACK_PER_CHAR * value.length(),
                    true);
            if (found != null) {
                return found;
            }
            budget.charge(value.length());
            return linear.matcher(value).find();
        }

        /**
         * Whether java.util.regex finds a match in the {@link #nearMatchWindow} characters before the end of the
         * automaton's earliest-ending match (as RE2 runs its DFA before its exact engine, and Hyperscan reports where a
         * match ends): a match found there is a match of the value, so true is java.util.regex's answer for the whole
         * value; false only says to search the whole value as before (the automaton's match may need an assertion
         * that fails, or begin before the window). The region's bounds are transparent (lookarounds and {@code \b}
         * read the characters beyond it) and not anchoring ({@code ^} and {@code $} hold only at the value's own
         * ends). Patterns on java.util.regex alone keep PCRE's "no match" at the match limit, so only patterns that
         * also run on RE2/J, whose answer is exact either way, come here.
         */
        private boolean nearMatch(String value, InspectionBudget budget, int knownEnd) {
            int end = knownEnd;
            if (end == END_UNKNOWN) {
                // After a union's pass (MultiPatternDfa answers which patterns, not where): this pattern's own
                // automaton reads the value up to its first match, charged as characters read.
                end = automaton.matchEnd(value);
                budget.charge(Math.max(0, end));
            }
            if (end <= nearMatchWindow) {
                // Near the start (or no automaton answer): the search from the start reads no more.
                return false;
            }
            int from = end - nearMatchWindow;
            long callLimit = LINEAR_FALLBACK_BASE + LINEAR_FALLBACK_PER_CHAR * nearMatchWindow;
            long limit = Math.min(callLimit, budget.remaining());
            BudgetedCharSequence input = new BudgetedCharSequence(value, limit);
            try {
                boolean found = backtracking
                        .matcher(input)
                        .region(from, end)
                        .useTransparentBounds(true)
                        .useAnchoringBounds(false)
                        .find();
                budget.charge(input.reads());
                return found;
            } catch (BudgetedCharSequence.BudgetExceeded exceeded) {
                budget.charge(limit + (limit < callLimit ? 1 : 0));
                return false;
            } catch (StackOverflowError deep) {
                budget.charge(input.reads());
                return false;
            }
        }
    }

    /**
     * java.util.regex reading at most {@code callLimit} characters (and what the request's budget
     * has left). Past the call's limit: null when {@code nullWhenLimited} (the caller goes on to
     * RE2/J), otherwise false, PCRE's "no match" at its match limit.
     */
    private static Boolean backtrackingSearch(
            Pattern pattern, String value, InspectionBudget budget, long callLimit, boolean nullWhenLimited) {
        long limit = Math.min(callLimit, budget.remaining());
        BudgetedCharSequence input = new BudgetedCharSequence(value, limit);
        try {
            boolean found = pattern.matcher(input).find();
            budget.charge(input.reads());
            return found;
        } catch (BudgetedCharSequence.BudgetExceeded exceeded) {
            // When the request's budget was the tighter limit, the extra unit throws
            // InspectionBudget.Exhausted: the engine stops and the policy decides.
            budget.charge(limit + (limit < callLimit ? 1 : 0));
            return nullWhenLimited ? null : Boolean.FALSE;
        } catch (StackOverflowError deep) {
            // java.util.regex recurses once per repetition of a group, so a long value can
            // overflow the stack where PCRE stops at its recursion limit
            // (SecPcreMatchLimitRecursion): RE2/J's answer where it has one, else the same
            // "no match" as ModSecurity gives.
            budget.charge(input.reads());
            return nullWhenLimited ? null : Boolean.FALSE;
        }
    }

    /** Whether a rule's PCRE also runs on the linear-time engine (false: java.util.regex alone). */
    static boolean runsInLinearTime(String pcre) {
        return LinearRegex.compile(pcre) != null;
    }

    /** The CRS's PCRE in java.util.regex syntax: POSIX classes such as [[:alpha:]] translated. */
    static String javaPattern(String pcre) {
        return pcre.replace("[:alpha:]", "\\p{Alpha}")
                .replace("[:digit:]", "\\d")
                .replace("[:alnum:]", "\\p{Alnum}")
                .replace("[:space:]", "\\s")
                .replace("[:upper:]", "\\p{Upper}")
                .replace("[:lower:]", "\\p{Lower}")
                .replace("[:punct:]", "\\p{Punct}")
                .replace("[:xdigit:]", "\\p{XDigit}");
    }

    /**
     * Case-insensitive phrase match (Aho-Corasick in ModSecurity): the value, lowered as the
     * phrases are, is scanned once for all of them.
     */
    static Operator phrases(List<String> phrases) {
        return phrases(phrases, true);
    }

    /**
     * @param automaton whether the phrases are found by their automaton ({@link LazyDfaPrefilter#ofPhrases}: one table
     *     lookup per character, no lowered copy of the value); off only to prove, in tests, that it changes no verdict
     */
    static Operator phrases(List<String> phrases, boolean automaton) {
        Set<String> lower = phrases.stream()
                .map(String::strip)
                .filter(p -> !p.isEmpty() && !p.startsWith("#"))
                .map(p -> p.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (lower.isEmpty()) {
            return value -> false;
        }
        RequiredLiterals scanner = RequiredLiterals.anyOf(lower);
        LazyDfaPrefilter dfa = automaton ? LazyDfaPrefilter.ofPhrases(lower) : null;
        if (dfa == null) {
            return value -> scanner.foundIn(value.toLowerCase(Locale.ROOT));
        }
        return new Phrases(scanner, dfa);
    }

    /**
     * A {@code @pm} phrase list on its automaton. The automaton is also read by {@link RuleEngine}, which asks one
     * {@link MultiPatternDfa} for all phrase lists that read the same transformed value ({@link #matches(String,
     * InspectionBudget, boolean)}).
     */
    static final class Phrases implements Operator {

        private final RequiredLiterals scanner;
        private final LazyDfaPrefilter automaton;

        private Phrases(RequiredLiterals scanner, LazyDfaPrefilter automaton) {
            this.scanner = scanner;
            this.automaton = automaton;
        }

        LazyDfaPrefilter automaton() {
            return automaton;
        }

        @Override
        public boolean matches(String value) {
            int found = automaton.search(value);
            // Undecided (a value that overflowed the automaton's cache twice, or holds İ or Σ, which
            // String.toLowerCase does not lower one character at a time): the lowered copy and the scan, as before.
            return found == LazyDfaPrefilter.UNDECIDED
                    ? scanner.foundIn(value.toLowerCase(Locale.ROOT))
                    : found == LazyDfaPrefilter.MATCH;
        }

        /**
         * With the automaton's exact answer already known ({@code found}, from a {@link MultiPatternDfa} pass over the
         * value for several phrase lists), charged as {@link #matches(String, InspectionBudget)} is.
         */
        boolean matches(String value, InspectionBudget budget, boolean found) {
            budget.charge(value.length());
            return found;
        }
    }

    private static Operator numeric(String argument, java.util.function.IntPredicate comparison) {
        long expected = Long.parseLong(argument.strip());
        return value -> {
            try {
                return comparison.test(Long.compare(Long.parseLong(value.strip()), expected));
            } catch (NumberFormatException notNumber) {
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
        // ModSecurity checks bytes, and a request's text is UTF-8: é is C3 A9, ✓ is E2 9C 93, both
        // inside 1-255, so CRS 920270 passes ordinary text in any script. The engine holds values as
        // decoded Java strings, so a character beyond ASCII is checked as the UTF-8 bytes it came from
        // (an undecodable byte became U+FFFD, EF BF BD, as high bytes as the original).
        return value -> {
            for (int i = 0; i < value.length(); ) {
                int codePoint = value.codePointAt(i);
                i += Character.charCount(codePoint);
                if (codePoint < 0x80 ? !allowed[codePoint] : !utf8BytesAllowed(codePoint, allowed)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean utf8BytesAllowed(int codePoint, boolean[] allowed) {
        if (codePoint < 0x800) {
            return allowed[0xC0 | codePoint >> 6] && allowed[0x80 | codePoint & 0x3F];
        }
        if (codePoint < 0x10000) {
            return allowed[0xE0 | codePoint >> 12]
                    && allowed[0x80 | codePoint >> 6 & 0x3F]
                    && allowed[0x80 | codePoint & 0x3F];
        }
        return allowed[0xF0 | codePoint >> 18]
                && allowed[0x80 | codePoint >> 12 & 0x3F]
                && allowed[0x80 | codePoint >> 6 & 0x3F]
                && allowed[0x80 | codePoint & 0x3F];
    }
}
