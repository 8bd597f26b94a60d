package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of literals of which every match of a regex must contain at least one, so that a value
 * containing none of them cannot match and need not be searched: one linear scan instead of a
 * backtracking search at every position. CRS 941140 ({@code [a-z]+=(?:[^:=]+:[^;]+;)*?[^:=]+:url\(javascript},
 * quadratic on long text) needs ":url(javascript"; 934100's and 942190's top-level alternations
 * need one of their branches' words. Hyperscan and RE2 prefilter the same way; they also build
 * conjunctions ("a and one of b, c"), which this does not.
 *
 * <p>The pattern (java.util.regex syntax, as {@link Operators#javaPattern} gives it) is parsed
 * for what each part must match: its exact strings while they are few (a literal, a class of up
 * to 16 characters, {@code \s}, {@code \d}, an optional part), the strings every match of it
 * starts with, and the literals every match of it contains; an alternation needs one of its
 * branches' literals, a concatenation the most selective of its parts'. Anything the analysis
 * does not model exactly (a flag other than i, s, m or d, a nested class or intersection, an
 * octal or control escape, a surrogate) gives no prefilter at all rather than a guess, because
 * a wrong prefilter silently lets attacks through. What only narrows a match (lookarounds,
 * anchors, {@code \b}, backreferences, lazy, possessive and atomic forms) is read as "requires
 * nothing", which is always safe. Any {@code (?i)} folds the whole set to lower case (US-ASCII,
 * as java.util.regex without UNICODE_CASE) and the scan ignores case.
 *
 * <p>Where that leaves only one-letter literals, the pattern is read again without the Windows
 * evasion characters {@code ^} and {@code "} (CRS 932380 writes {@code c["\^]*m["\^]*d}), and
 * the value is then scanned without them too. A hand-written scan (literals indexed by their
 * first character) is used rather than a library: the gateway has no Aho–Corasick dependency,
 * and the sets are at most 256 literals.
 */
final class RequiredLiterals {

    /** Largest set of exact strings a part is tracked with (cross products grow fast). */
    private static final int EXACT_LIMIT = 64;

    /**
     * Largest set of literals kept as a requirement: a larger one is cut to shorter prefixes of
     * its literals (see {@link #bounded}), which keeps the scan cheap.
     */
    private static final int SET_LIMIT = 256;

    /**
     * Evasion characters the CRS lets appear between the letters of a command: {@code ^} and
     * {@code "} in Windows cmd ({@code ["\\^]*} between letters). Never letters or digits.
     */
    private static final List<String> EVASIONS = List.of("\"^");

    /** A character class of more characters than this is not worth enumerating. */
    private static final int CLASS_LIMIT = 16;

    /** java.util.regex's \\s and \\d without UNICODE_CHARACTER_CLASS, which the engine never sets. */
    private static final String SPACES = " \t\n\u000B\f\r";

    private static final String DIGITS = "0123456789";

    private final String[] literals;

    private final boolean ignoreCase;

    /**
     * Characters the literals were found without (empty, or the evasion characters of
     * {@link #EVASIONS}): the value is scanned as if they were not there.
     */
    private final String ignorable;

    /** Literals by their first character (after case folding), for the scan: US-ASCII in an array. */
    private final String[][] byAsciiFirst = new String[128][];

    private final Map<Character, String[]> byOtherFirst = new HashMap<>();

    private RequiredLiterals(Set<String> literals, boolean ignoreCase, String ignorable) {
        this.literals = literals.stream().sorted().toArray(String[]::new);
        this.ignoreCase = ignoreCase;
        this.ignorable = ignorable;
        Map<Character, List<String>> grouped = new HashMap<>();
        for (String literal : this.literals) {
            grouped.computeIfAbsent(literal.charAt(0), c -> new ArrayList<>()).add(literal);
        }
        grouped.forEach((c, list) -> {
            if (c < 128) {
                byAsciiFirst[c] = list.toArray(String[]::new);
            } else {
                byOtherFirst.put(c, list.toArray(String[]::new));
            }
        });
    }

    /**
     * @param pattern a regex in java.util.regex syntax, compiled with DOTALL and no other flag
     * @return the literals (lower case, US-ASCII folding, when any part of the pattern ignores
     * case), or null when no such set can be proven
     */
    static RequiredLiterals of(String pattern) {
        RequiredLiterals plain = of(pattern, "");
        if (plain != null && shortest(Set.of(plain.literals)) >= 3) {
            return plain;
        }
        // Commands spelt with evasion characters between their letters (CRS 932125, 932370,
        // 932380: c^m^d, "c"md) have only one-letter literals as written; without the evasion
        // characters their words are whole again.
        for (String evasion : EVASIONS) {
            if (!mentionsAll(pattern, evasion)) {
                // Only worth a second analysis where the pattern names them, as evasion classes do
                // (leaving them out is sound for any pattern, just rarely more selective).
                continue;
            }
            RequiredLiterals without = of(pattern, evasion);
            if (without != null
                    && (plain == null || chance(Set.of(without.literals)) < chance(Set.of(plain.literals)))) {
                return without;
            }
        }
        return plain;
    }

    private static boolean mentionsAll(String pattern, String characters) {
        return characters.chars().allMatch(c -> pattern.indexOf(c) >= 0);
    }

    /** @param ignorable characters read as absent from both the pattern's matches and the value */
    static RequiredLiterals of(String pattern, String ignorable) {
        Set<String> found;
        Analysis analysis;
        try {
            analysis = new Analysis(pattern, ignorable);
            Info info = analysis.alternation();
            if (analysis.pos != pattern.length()) {
                return null;
            }
            found = requirement(info);
        } catch (Unsupported | IndexOutOfBoundsException unsure) {
            return null;
        }
        if (found == null) {
            return null;
        }
        if (!analysis.ignoreCase) {
            return new RequiredLiterals(minimal(found), false, ignorable);
        }
        // (?i) folds US-ASCII letters only (no UNICODE_CASE), so the literals are lowered the same
        // way; a case-sensitive part of such a pattern is then checked case-insensitively, which
        // is weaker, never wrong.
        Set<String> lowered = new LinkedHashSet<>();
        found.forEach(s -> lowered.add(asciiLower(s)));
        return new RequiredLiterals(minimal(lowered), true, ignorable);
    }

    /**
     * A case-sensitive scanner for non-empty {@code literals}, as {@code @pm} needs (one pass over
     * the value instead of one {@code contains} per phrase).
     */
    static RequiredLiterals anyOf(Set<String> literals) {
        if (literals.isEmpty() || literals.contains("")) {
            throw new IllegalArgumentException("Literals must be non-empty strings");
        }
        return new RequiredLiterals(literals, false, "");
    }

    /** The literals, sorted (lower case when {@link #ignoreCase()}). */
    List<String> literals() {
        return List.of(literals);
    }

    boolean ignoreCase() {
        return ignoreCase;
    }

    /** Whether {@code value} contains one of the literals: one pass over it. */
    boolean foundIn(String value) {
        return scan(ignorable.isEmpty() ? value : without(value, ignorable));
    }

    /** The value with the ignorable characters taken out (itself when it has none). */
    private static String without(String value, String ignorable) {
        StringBuilder kept = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (ignorable.indexOf(c) >= 0) {
                if (kept == null) {
                    kept = new StringBuilder(value.length()).append(value, 0, i);
                }
            } else if (kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? value : kept.toString();
    }

    private boolean scan(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (ignoreCase) {
                c = asciiLower(c);
            }
            String[] candidates = c < 128 ? byAsciiFirst[c] : byOtherFirst.isEmpty() ? null : byOtherFirst.get(c);
            if (candidates == null) {
                continue;
            }
            for (String literal : candidates) {
                if (literal.length() <= length - i && regionEquals(value, i, literal)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean regionEquals(String value, int from, String literal) {
        for (int j = 1; j < literal.length(); j++) {
            char c = value.charAt(from + j);
            if ((ignoreCase ? asciiLower(c) : c) != literal.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** The characters the value is scanned without (usually none). */
    String ignorable() {
        return ignorable;
    }

    @Override
    public String toString() {
        return (ignoreCase ? "(?i)" : "")
                + (ignorable.isEmpty() ? "" : "without " + ignorable + " ")
                + List.of(literals);
    }

    static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static String asciiLower(String s) {
        StringBuilder lower = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            lower.append(asciiLower(s.charAt(k)));
        }
        return lower.toString();
    }

    /**
     * What one part of a pattern matches: {@code exact}, every string it can match (null when
     * unknown or too many); {@code required}, literals of which each match contains one (null
     * when nothing is known); {@code prefix}, strings of which each match starts with one
     * ({@code {""}} when nothing is known), so that a literal before the part can be joined to it
     * ({@code s(?:c[\\s,].*|et)} needs "sc" or "set", not just "s").
     */
    private record Info(Set<String> exact, Set<String> required, Set<String> prefix) {

        static final Info UNKNOWN = new Info(null, null, Set.of(""));

        static final Info EMPTY = new Info(Set.of(""), null, Set.of(""));

        static Info exactly(Set<String> strings) {
            return new Info(strings, null, strings);
        }
    }

    /** What a part of the pattern requires, from its own requirement, its exact strings or its prefixes. */
    private static Set<String> requirement(Info info) {
        // Exact and prefix sets hold at most EXACT_LIMIT strings, so reducing them is cheap.
        Set<String> fromExact = info.exact() == null || info.exact().contains("") ? null : minimal(info.exact());
        Set<String> fromPrefix = info.prefix().contains("") ? null : minimal(info.prefix());
        return better(better(info.required(), fromExact), fromPrefix);
    }

    /**
     * Prefixes, or when there are too many, the same cut shorter (a prefix of a prefix is one too);
     * {@code {""}} when even that is too many.
     */
    private static Set<String> boundedPrefixes(Set<String> prefixes) {
        if (prefixes.size() <= EXACT_LIMIT) {
            return prefixes;
        }
        Set<String> cut = cut(prefixes, EXACT_LIMIT);
        return cut == null ? Set.of("") : cut;
    }

    /**
     * The more selective of two requirements: the one less likely to be found in a value, taking
     * each literal of length n to occur at a given position with probability 16^-n (text is not
     * random, but a short literal is found in most values and a long one rarely); then the
     * smaller set, which is cheaper to scan for.
     */
    private static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int compared = Double.compare(chance(a), chance(b));
        if (compared == 0) {
            compared = Integer.compare(a.size(), b.size());
        }
        return compared <= 0 ? a : b;
    }

    private static double chance(Set<String> set) {
        double chance = 0;
        for (String literal : set) {
            chance += Math.pow(16, -Math.min(literal.length(), 12));
        }
        return chance;
    }

    private static int shortest(Set<String> set) {
        return set.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Drops literals that contain another one of the set: finding the shorter is enough. */
    private static Set<String> minimal(Set<String> set) {
        List<String> byLength = new ArrayList<>(set);
        byLength.sort(Comparator.comparingInt(String::length));
        Set<String> kept = new LinkedHashSet<>();
        for (String s : byLength) {
            boolean redundant = false;
            // Only a shorter literal can be inside another one (equal ones are the same string).
            for (String t : kept) {
                if (t.length() < s.length() && s.contains(t)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                kept.add(s);
            }
        }
        return kept;
    }

    /**
     * The set, or when it is too large, its literals cut to a common length: a match holding a
     * literal holds each of its prefixes, so the shorter set is required as well.
     */
    private static Set<String> bounded(Set<String> set) {
        // minimal() is quadratic: used here only when the set is too large, before cutting.
        if (set.size() <= SET_LIMIT) {
            return set;
        }
        Set<String> reduced = set.size() <= 4 * SET_LIMIT ? minimal(set) : set;
        return reduced.size() <= SET_LIMIT ? reduced : cut(reduced, SET_LIMIT);
    }

    /**
     * The strings cut to the longest common length at which at most {@code limit} remain, or
     * null when even one character each is too many (the cut is linear, minimal() is not).
     */
    private static Set<String> cut(Set<String> set, int limit) {
        int longest = set.stream().mapToInt(String::length).max().orElse(0);
        for (int length = longest; length >= 1; length--) {
            Set<String> cut = new LinkedHashSet<>();
            for (String s : set) {
                cut.add(s.length() > length ? s.substring(0, length) : s);
                if (cut.size() > limit) {
                    break;
                }
            }
            if (cut.size() <= limit) {
                return cut;
            }
        }
        return null;
    }

    private static Set<String> product(Set<String> left, Set<String> right) {
        if ((long) left.size() * right.size() > EXACT_LIMIT) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String l : left) {
            for (String r : right) {
                out.add(l + r);
            }
        }
        return out;
    }

    /** The pattern uses something the analysis does not model exactly: no prefilter. */
    private static final class Unsupported extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reading of java.util.regex syntax, computing {@link Info} as it goes. */
    private static final class Analysis {

        private final String p;

        private int pos;

        /** Whether any part of the pattern turns on case-insensitive matching. */
        private boolean ignoreCase;

        private final String ignorable;

        Analysis(String pattern, String ignorable) {
            this.p = pattern;
            this.ignorable = ignorable;
            for (int i = 0; i < pattern.length(); i++) {
                if (Character.isSurrogate(pattern.charAt(i))) {
                    // A quantifier after a surrogate pair applies to the whole code point.
                    throw new Unsupported();
                }
            }
        }

        /** branch ('|' branch)*, up to a ')' or the end. */
        Info alternation() {
            List<Info> branches = new ArrayList<>();
            branches.add(concatenation());
            while (pos < p.length() && p.charAt(pos) == '|') {
                pos++;
                branches.add(concatenation());
            }
            if (branches.size() == 1) {
                return branches.get(0);
            }
            Set<String> exact = new LinkedHashSet<>();
            Set<String> required = new LinkedHashSet<>();
            Set<String> prefix = new LinkedHashSet<>();
            for (Info branch : branches) {
                prefix.addAll(branch.prefix());
                if (exact != null) {
                    if (branch.exact() == null) {
                        exact = null;
                    } else {
                        exact.addAll(branch.exact());
                    }
                }
                if (required != null) {
                    // Every match is a match of one branch: it holds that branch's literal.
                    Set<String> needed = requirement(branch);
                    if (needed == null) {
                        required = null;
                    } else {
                        required.addAll(needed);
                    }
                }
            }
            if (exact != null && exact.size() > EXACT_LIMIT) {
                exact = null;
            }
            return new Info(exact, required == null ? null : bounded(required), boundedPrefixes(prefix));
        }

        /** A sequence of quantified atoms: each one's match is part of the whole match. */
        private Info concatenation() {
            // run: the strings the exact items since the last unknown one can match together.
            Set<String> run = Set.of("");
            boolean allExact = true;
            // What every match starts with, once an item that is not exact ends the leading run.
            Set<String> prefix = null;
            Set<String> best = null;
            while (pos < p.length() && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
                Info item = quantified(atom());
                if (item.exact() != null) {
                    Set<String> joined = product(run, item.exact());
                    if (joined != null) {
                        run = joined;
                        continue;
                    }
                    if (allExact) {
                        prefix = run;
                    }
                    allExact = false;
                    best = better(best, requirement(Info.exactly(run)));
                    run = item.exact();
                    continue;
                }
                // The run is followed directly by this item's match, which starts with its prefix.
                Set<String> joined = product(run, item.prefix());
                Set<String> reaching = joined == null ? run : joined;
                if (allExact) {
                    prefix = reaching;
                }
                allExact = false;
                best = better(best, requirement(Info.exactly(reaching)));
                best = better(best, item.required());
                run = Set.of("");
            }
            best = better(best, requirement(Info.exactly(run)));
            return allExact ? new Info(run, best, run) : new Info(null, best, prefix);
        }

        private Info quantified(Info atom) {
            if (pos >= p.length()) {
                return atom;
            }
            char c = p.charAt(pos);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = Integer.MAX_VALUE;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = Integer.MAX_VALUE;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{') {
                int close = p.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                String bounds = p.substring(pos + 1, close);
                if (!bounds.matches("\\d{1,6}(,\\d{0,6})?")) {
                    throw new Unsupported();
                }
                int comma = bounds.indexOf(',');
                min = Integer.parseInt(comma < 0 ? bounds : bounds.substring(0, comma));
                max = comma < 0
                        ? min
                        : comma == bounds.length() - 1
                                ? Integer.MAX_VALUE
                                : Integer.parseInt(bounds.substring(comma + 1));
                pos = close + 1;
            } else {
                return atom;
            }
            // Lazy (?) and possessive (+) forms match a subset of the same strings.
            if (pos < p.length() && (p.charAt(pos) == '?' || p.charAt(pos) == '+')) {
                pos++;
            }
            if (pos < p.length() && "*+?{".indexOf(p.charAt(pos)) >= 0) {
                throw new Unsupported();
            }
            if (Set.of("").equals(atom.exact())) {
                // Only ignorable characters or zero-width assertions, repeated: still nothing.
                return Info.EMPTY;
            }
            if (min == 0) {
                if (max == 1 && atom.exact() != null) {
                    Set<String> optional = new LinkedHashSet<>(atom.exact());
                    optional.add("");
                    return Info.exactly(optional);
                }
                // Zero repetitions match the empty string: nothing is required.
                return Info.UNKNOWN;
            }
            if (min == 1 && max == 1) {
                return atom;
            }
            // At least one repetition: whatever one requires, all do, and the first starts the match.
            return new Info(null, requirement(atom), atom.exact() != null ? atom.exact() : atom.prefix());
        }

        private Info atom() {
            char c = p.charAt(pos);
            switch (c) {
                case '(':
                    return group();
                case '[': {
                    Set<Character> chars = characterClass();
                    return chars == null ? Info.UNKNOWN : characters(chars);
                }
                case '.':
                    pos++;
                    return Info.UNKNOWN;
                case '^', '$':
                    pos++;
                    return Info.EMPTY;
                case '\\':
                    return escape();
                case '*', '+', '?', '{':
                    // A dangling quantifier: java.util.regex would not have compiled the pattern.
                    throw new Unsupported();
                default:
                    pos++;
                    return Info.exactly(Set.of(project(c)));
            }
        }

        private Info characters(Set<Character> chars) {
            if (chars.size() > CLASS_LIMIT) {
                return Info.UNKNOWN;
            }
            Set<String> exact = new LinkedHashSet<>();
            chars.forEach(ch -> exact.add(project(ch)));
            return Info.exactly(exact);
        }

        private static Set<Character> chars(String listed) {
            Set<Character> set = new LinkedHashSet<>();
            listed.chars().forEach(c -> set.add((char) c));
            return set;
        }

        /** A character as the value is scanned: an ignorable one is not there. */
        private String project(char c) {
            return ignorable.indexOf(c) >= 0 ? "" : String.valueOf(c);
        }

        private Info group() {
            pos++;
            boolean lookaround = false;
            if (p.startsWith("?", pos)) {
                if (p.startsWith("?:", pos) || p.startsWith("?>", pos)) {
                    pos += 2;
                } else if (p.startsWith("?=", pos) || p.startsWith("?!", pos)) {
                    pos += 2;
                    lookaround = true;
                } else if (p.startsWith("?<=", pos) || p.startsWith("?<!", pos)) {
                    pos += 3;
                    lookaround = true;
                } else if (p.startsWith("?<", pos)) {
                    int close = p.indexOf('>', pos);
                    if (close < 0 || !p.substring(pos + 2, close).matches("[A-Za-z][A-Za-z0-9]*")) {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                } else {
                    int end = pos + 1;
                    while (end < p.length() && (Character.isLetter(p.charAt(end)) || p.charAt(end) == '-')) {
                        end++;
                    }
                    String flags = p.substring(pos + 1, end);
                    if (end >= p.length() || !flags.matches("[isdm]*(-[isdm]*)?")) {
                        // x (comments), u and U (Unicode case), c: the pattern means something else.
                        throw new Unsupported();
                    }
                    String on = flags.contains("-") ? flags.substring(0, flags.indexOf('-')) : flags;
                    if (on.contains("i")) {
                        ignoreCase = true;
                    }
                    if (p.charAt(end) == ')') {
                        // (?i) alone: flags for the rest of the enclosing group; it matches nothing.
                        pos = end + 1;
                        return Info.EMPTY;
                    }
                    if (p.charAt(end) != ':') {
                        throw new Unsupported();
                    }
                    pos = end + 1;
                }
            }
            Info inner = alternation();
            if (pos >= p.length() || p.charAt(pos) != ')') {
                throw new Unsupported();
            }
            pos++;
            // A lookaround matches no characters: what it looks at is not part of the match.
            return lookaround ? Info.EMPTY : inner;
        }

        private Info escape() {
            char e = p.charAt(pos + 1);
            switch (e) {
                case 's', 'd':
                    pos += 2;
                    return characters(chars(e == 's' ? SPACES : DIGITS));
                case 'D', 'S', 'w', 'W', 'h', 'H', 'v', 'V', 'R', 'X':
                    pos += 2;
                    return Info.UNKNOWN;
                case 'p', 'P':
                    skipProperty();
                    return Info.UNKNOWN;
                case 'b', 'B':
                    if (p.startsWith("{", pos + 2)) {
                        throw new Unsupported();
                    }
                    pos += 2;
                    return Info.EMPTY;
                case 'A', 'z', 'Z', 'G':
                    pos += 2;
                    return Info.EMPTY;
                case 'k':
                    // A named backreference: whatever the group matched, maybe nothing.
                    int close = p.indexOf('>', pos);
                    if (!p.startsWith("<", pos + 2) || close < 0) {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                    return Info.UNKNOWN;
                case 'Q': {
                    int end = p.indexOf("\\E", pos + 2);
                    String quoted = end < 0 ? p.substring(pos + 2) : p.substring(pos + 2, end);
                    pos = end < 0 ? p.length() : end + 2;
                    StringBuilder projected = new StringBuilder();
                    quoted.chars().forEach(q -> projected.append(project((char) q)));
                    return Info.exactly(Set.of(projected.toString()));
                }
                default:
                    if (e >= '1' && e <= '9') {
                        // A backreference (Java reads as many digits as make a valid group number).
                        pos += 2;
                        while (pos < p.length() && Character.isDigit(p.charAt(pos))) {
                            pos++;
                        }
                        return Info.UNKNOWN;
                    }
                    return Info.exactly(Set.of(project(escapedChar())));
            }
        }

        private void skipProperty() {
            if (p.startsWith("{", pos + 2)) {
                int close = p.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                pos = close + 1;
            } else {
                pos += 3;
            }
        }

        /** A single character written as an escape at {@code pos} (a backslash); advances past it. */
        private char escapedChar() {
            char e = p.charAt(pos + 1);
            switch (e) {
                case 't':
                    pos += 2;
                    return '\t';
                case 'n':
                    pos += 2;
                    return '\n';
                case 'r':
                    pos += 2;
                    return '\r';
                case 'f':
                    pos += 2;
                    return '\f';
                case 'a':
                    pos += 2;
                    return '\u0007';
                case 'e':
                    pos += 2;
                    return '\u001b';
                case 'x': {
                    if (p.startsWith("{", pos + 2)) {
                        int close = p.indexOf('}', pos);
                        int code = Integer.parseInt(p.substring(pos + 3, close), 16);
                        if (code > 0xFFFF || Character.isSurrogate((char) code)) {
                            throw new Unsupported();
                        }
                        pos = close + 1;
                        return (char) code;
                    }
                    char decoded = (char) Integer.parseInt(p.substring(pos + 2, pos + 4), 16);
                    pos += 4;
                    return decoded;
                }
                case 'u': {
                    char decoded = (char) Integer.parseInt(p.substring(pos + 2, pos + 6), 16);
                    if (Character.isSurrogate(decoded)) {
                        throw new Unsupported();
                    }
                    pos += 6;
                    return decoded;
                }
                default:
                    if (Character.isLetterOrDigit(e)) {
                        // \0 octal, \c control, or an escape this analysis does not know.
                        throw new Unsupported();
                    }
                    pos += 2;
                    return e;
            }
        }

        /**
         * The characters a class at {@code pos} matches, or null when it is negated or holds a
         * predefined class; advances past it.
         */
        private Set<Character> characterClass() {
            pos++;
            boolean negated = p.charAt(pos) == '^';
            if (negated) {
                pos++;
            }
            if (p.charAt(pos) == ']') {
                // Java reads "[]" and "[^]" as a literal ']' there; not worth the corner case.
                throw new Unsupported();
            }
            Set<Character> chars = new LinkedHashSet<>();
            boolean enumerable = !negated;
            while (p.charAt(pos) != ']') {
                char c = p.charAt(pos);
                if (c == '[' || p.startsWith("&&", pos)) {
                    // Java's nested classes, unions and intersections.
                    throw new Unsupported();
                }
                char from;
                if (c == '\\') {
                    char e = p.charAt(pos + 1);
                    if (e == 's' || e == 'd') {
                        pos += 2;
                        chars.addAll(chars(e == 's' ? SPACES : DIGITS));
                        continue;
                    }
                    if ("DSwWhHvV".indexOf(e) >= 0) {
                        pos += 2;
                        enumerable = false;
                        continue;
                    }
                    if (e == 'p' || e == 'P') {
                        skipProperty();
                        enumerable = false;
                        continue;
                    }
                    if (e == 'Q' || e == 'b' || e == 'B' || e == 'R' || e == 'X' || e == 'k' || Character.isDigit(e)) {
                        throw new Unsupported();
                    }
                    from = escapedChar();
                } else {
                    from = c;
                    pos++;
                }
                char to = from;
                if (p.charAt(pos) == '-' && p.charAt(pos + 1) != ']') {
                    pos++;
                    char d = p.charAt(pos);
                    if (d == '[' || d == '&') {
                        throw new Unsupported();
                    }
                    if (d == '\\') {
                        if (Character.isLetter(p.charAt(pos + 1)) && "xutnrfae".indexOf(p.charAt(pos + 1)) < 0) {
                            throw new Unsupported();
                        }
                        to = escapedChar();
                    } else {
                        to = d;
                        pos++;
                    }
                    if (to < from) {
                        throw new Unsupported();
                    }
                }
                if (enumerable) {
                    if (to - from >= CLASS_LIMIT * 4) {
                        enumerable = false;
                        continue;
                    }
                    for (int x = from; x <= to; x++) {
                        chars.add((char) x);
                    }
                }
            }
            pos++;
            return enumerable ? chars : null;
        }
    }
}
