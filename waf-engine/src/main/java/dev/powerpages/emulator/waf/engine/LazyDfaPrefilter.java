package dev.powerpages.emulator.waf.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A lazy DFA over a rule's RE2/J program that answers "can this value match at all?" in one table
 * lookup per character, so that the costly CRS patterns (932230, 932250, 932260, 942190: their
 * literal prefilters cannot exclude a hostile body) are not searched by RE2/J's NFA (~1.5 µs per
 * character) or java.util.regex on values they cannot match. It is the technique of RE2's C++ DFA
 * and Hyperscan: DFA states are sets of NFA states built on demand while a value is read, cached
 * with a bound and flushed when the bound is reached. Written here because no library on the
 * registry offers a lazy DFA for Java: RE2/J simulates its NFA only, and dk.brics.automaton
 * determinises whole patterns up front (too slow for the CRS's large alternations, see docs/waf.md).
 *
 * <p>The NFA is RE2/J's own compiled program (the same parse as the linear-time engine that answers
 * the rule: no second regex translation), read once by reflection; if that fails (another RE2/J
 * version) there is simply no DFA prefilter. The automaton over-approximates: every empty-width
 * assertion ({@code ^}, {@code $}, {@code \b}, {@code \B}, {@code \A}, {@code \z}) is taken as
 * always true, so it accepts a superset of the pattern's language. That is what a prefilter may
 * do: "no" means no match (the regex is not run), "maybe" runs the exact engines as before, so
 * every verdict, capture and TX variable is unchanged. Case folding is RE2's (Unicode simple
 * folding, a superset of java.util.regex's US-ASCII {@code (?i)}), and every set reaching beyond
 * ASCII also holds the two characters that RE2's folding takes out of a negated {@code (?i)} set
 * and Java's does not (the Kelvin sign and the long s): the automaton accepts what either engine
 * matches.
 *
 * <p>Characters are read as code points (as RE2/J and java.util.regex do; a lone surrogate is its
 * own code point) and mapped to classes of code points that every instruction treats alike; the
 * classes are found by splitting the code-point range at every bound of every instruction's set
 * (with a 128-bit random signature per class of instructions). Memory is bounded: a pattern's
 * states may hold at most {@link #MAX_CACHE_INTS} ints; when full, the cache is dropped and
 * rebuilt from the state in hand, and a value that fills it more than once answers "maybe" (the
 * exact engine is then no slower than without the DFA). The states are rows of one flat int table (a
 * state is its row's offset), so the steady state reads one array entry per character. Thread-safe:
 * entries are written racily (an int is never torn, and an entry only points into the array it is
 * in; a larger table is a copy published through a volatile field), misses are computed under a
 * lock, and a search holding a flushed generation reads on in it.
 */
final class LazyDfaPrefilter {

    /** Per pattern: ~256 KB of states at most (RE2's C++ DFA defaults to a few MB per regex). */
    static final int MAX_CACHE_INTS = 1 << 16;

    /**
     * Per phrase list: ~1 MB at most. An {@code @pm} list of a few hundred words (unix-shell.data, lfi-os-files.data)
     * is an Aho-Corasick trie of thousands of nodes, and each state lists one NFA instruction per word it may be in.
     */
    static final int MAX_PHRASE_CACHE_INTS = 1 << 18;

    /** {@link #search}: no substring of the value matches. */
    static final int NO_MATCH = 0;

    /** {@link #search}: a substring may match (exactly: one does, for a phrase list). */
    static final int MATCH = 1;

    /** {@link #search}: the cache overflowed more than once while reading the value, or the value has a character a phrase list's folding does not model; the caller must search another way. */
    static final int UNDECIDED = 2;

    private static final int CAPITAL_I_WITH_DOT = 0x0130;
    private static final int CAPITAL_SIGMA = 0x03A3;

    /** A state's fixed cost in ints besides its NFA list and transition row (headers, map entry). */
    private static final int STATE_OVERHEAD_INTS = 24;

    private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

    private static final int LONG_S = 0x017F;
    private static final int KELVIN_SIGN = 0x212A;

    static final int KIND_RUNE = 0;
    static final int KIND_MATCH = 1;
    static final int KIND_EPSILON = 2;
    static final int KIND_SPLIT = 3;
    static final int KIND_FAIL = 4;
    /**
     * {@code ^} without {@code (?m)} (and {@code \A}): true at the value's first position only, in java.util.regex (no
     * MULTILINE; the whole value is the region) as in RE2 (BEGIN_TEXT). Modelled exactly rather than taken as true:
     * CRS patterns such as 932250 ({@code (?:^(?:json\.|\x5c)?|b…)…}) and 930110 ({@code (?:^|[/;\x5c])\.{2,3}…})
     * otherwise said "maybe" on most hostile values and were searched by java.util.regex in vain.
     */
    static final int KIND_BEGIN_TEXT = 5;

    // The NFA (package-private: MultiPatternDfa joins several patterns' programs into one).
    final int[] kind;
    final int[] out;
    final int[] alt;
    /** Per rune instruction: the code points it matches, as sorted, disjoint inclusive pairs. */
    final int[][] ranges;

    private final int start;
    /** The instructions the search is in after every character (where a match may start; {@code ^} is false there). */
    final int[] startPcs;

    /** The instructions the search is in before reading anything: {@link #startPcs} and what {@code ^} leads to. */
    final int[] initialPcs;

    /** The code points' classes. */
    private final CodePointClasses classes;

    // The classes' tables, held by this DFA itself: its inner loop reads them as fields of this, as it did before the
    // classes were shared (no further indirection per character).
    private final int[] asciiClass;
    private final char[][] bmpBlocks;
    private final int[] uniformBlockClass;

    /** Characters are read as {@link String#toLowerCase(java.util.Locale)} with the root locale would give them. */
    final boolean lowerCaseInput;

    private final int maxCacheInts;

    /** A state's row in {@link Cache#table}: one entry per class. */
    private final int stride;

    // The cache: the current generation, replaced whole when full. Its table is read without a lock (entries are
    // written racily, ints are never torn, and an entry only ever points into the array it is in); everything else
    // is guarded by this.
    private volatile Cache cache;
    private int cacheInts;
    /** The start state is already a match (the pattern matches the empty string): every value may match. */
    private boolean startMatches;

    private volatile long flushes;

    /** Scratch space for closures, guarded by this. */
    private final NfaClosure closure;

    private LazyDfaPrefilter(
            int[] kind, int[] out, int[] alt, int[][] ranges, int start, boolean lowerCaseInput, int maxCacheInts) {
        this.lowerCaseInput = lowerCaseInput;
        this.maxCacheInts = maxCacheInts;
        this.kind = kind;
        this.out = out;
        this.alt = alt;
        this.ranges = ranges;
        this.start = start;
        this.closure = new NfaClosure(kind, out, alt);
        this.classes = new CodePointClasses(ranges, lowerCaseInput);
        asciiClass = classes.asciiClass;
        bmpBlocks = classes.bmpBlocks;
        uniformBlockClass = classes.uniformBlockClass;
        stride = classes.count();
        closure.clear();
        closure.addReachable(start);
        startPcs = Arrays.copyOf(closure.list, closure.size);
        Arrays.sort(startPcs);
        closure.clear();
        closure.atTextStart = true;
        closure.addReachable(start);
        closure.atTextStart = false;
        initialPcs = Arrays.copyOf(closure.list, closure.size);
        Arrays.sort(initialPcs);
        resetCache();
    }

    /** The prefilter for a pattern compiled on RE2/J, or null when its program cannot be read. */
    static LazyDfaPrefilter of(com.google.re2j.Pattern pattern) {
        try {
            return Re2jProgram.read(pattern, false, MAX_CACHE_INTS);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * A prefilter for a pattern RE2/J cannot run because of its lookarounds (CRS 942320 and 942350: the Power Pages
     * tuning's variable-length negative lookbehind): the automaton of the pattern with every lookaround taken out. A
     * lookaround is an assertion, so without it the pattern matches a superset, which is what a prefilter may accept
     * (as the other assertions are taken as true). Null when the pattern has no lookaround, when one is quantified
     * (taking it out would leave the quantifier on what precedes it), or when what is left does not compile on RE2/J.
     */
    static LazyDfaPrefilter ofWithoutLookarounds(String pcre) {
        String relaxed = withoutLookarounds(pcre);
        if (relaxed == null) {
            return null;
        }
        com.google.re2j.Pattern compiled = LinearRegex.compile(relaxed);
        return compiled == null ? null : of(compiled);
    }

    /** {@code pcre} without its {@code (?=…)}, {@code (?!…)}, {@code (?<=…)}, {@code (?<!…)} groups; null if none or unsure. */
    static String withoutLookarounds(String pcre) {
        StringBuilder out = new StringBuilder();
        boolean removed = false;
        int i = 0;
        while (i < pcre.length()) {
            char c = pcre.charAt(i);
            if (c == '\\') {
                out.append(pcre, i, Math.min(pcre.length(), i + 2));
                i += 2;
            } else if (c == '[') {
                int end = classEnd(pcre, i);
                if (end < 0) {
                    return null;
                }
                out.append(pcre, i, end);
                i = end;
            } else if (pcre.startsWith("(?=", i)
                    || pcre.startsWith("(?!", i)
                    || pcre.startsWith("(?<=", i)
                    || pcre.startsWith("(?<!", i)) {
                int end = groupEnd(pcre, i);
                if (end < 0 || end < pcre.length() && "*+?{".indexOf(pcre.charAt(end)) >= 0) {
                    return null;
                }
                removed = true;
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return removed ? out.toString() : null;
    }

    /** The index after the class that opens at {@code open}, or -1. */
    private static int classEnd(String pcre, int open) {
        int i = open + 1;
        if (i < pcre.length() && pcre.charAt(i) == '^') {
            i++;
        }
        if (i < pcre.length() && pcre.charAt(i) == ']') {
            i++; // a leading ] is a literal
        }
        while (i < pcre.length()) {
            char c = pcre.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                return -1; // a nested class or a POSIX class: not modelled here
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The index after the group that opens at {@code open}, or -1. */
    private static int groupEnd(String pcre, int open) {
        int depth = 0;
        int i = open;
        while (i < pcre.length()) {
            char c = pcre.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                i = classEnd(pcre, i);
                if (i < 0) {
                    return -1;
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * An exact matcher for {@code @pm}: whether the value, lowered as {@link String#toLowerCase(java.util.Locale)}
     * with the root locale lowers it, contains one of {@code lowered} (already lower case). The automaton of a
     * pure alternation of literals has no assertions and no folding to over-approximate, so its answer is exact: it is
     * the Aho-Corasick automaton of the phrases (ModSecurity's @pm), built lazily like every other pattern's DFA. No
     * Aho-Corasick library is on the registry here; this one reads the value without a lowered copy of it. Null when
     * RE2/J's program cannot be read.
     */
    static LazyDfaPrefilter ofPhrases(Collection<String> lowered) {
        StringBuilder alternation = new StringBuilder();
        for (String phrase : lowered) {
            alternation.append(alternation.isEmpty() ? "" : "|").append(com.google.re2j.Pattern.quote(phrase));
        }
        try {
            return Re2jProgram.read(
                    com.google.re2j.Pattern.compile(alternation.toString()), true, MAX_PHRASE_CACHE_INTS);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The number of classes the code points fall into (the width of a state's transition row). */
    int classCount() {
        return classes.count();
    }

    /** The number of states in the cache now (for tests and measurements). */
    synchronized int cachedStates() {
        return cache.states;
    }

    /** How often the cache has been dropped because it was full. */
    long flushes() {
        return flushes;
    }

    /**
     * False only when no substring of {@code value} can match the pattern (assertions aside); true
     * when one may, or when the cache overflowed more than once while reading this value.
     */
    boolean mayMatch(CharSequence value) {
        return search(value) != NO_MATCH;
    }

    /** {@link #NO_MATCH}, {@link #MATCH} or {@link #UNDECIDED}. */
    int search(CharSequence value) {
        int end = matchEnd(value);
        return end >= 0 ? MATCH : end == NO_MATCH_END ? NO_MATCH : UNDECIDED;
    }

    /** {@link #matchEnd}: no substring of the value can match. */
    static final int NO_MATCH_END = -1;

    /** {@link #matchEnd}: as {@link #UNDECIDED}. */
    static final int UNDECIDED_END = -2;

    /**
     * Where the earliest-ending substring of {@code value} that may match ends (the offset after its last character;
     * 0 when the empty string may match), reading the value only that far: every match of the pattern (by either
     * engine) ends there or later, and one that ends there begins before it. {@link #NO_MATCH_END} when no substring
     * can match, {@link #UNDECIDED_END} as {@link #search}'s {@link #UNDECIDED}. {@link #search} is this, classified:
     * one loop, so the position costs nothing.
     */
    int matchEnd(CharSequence value) {
        if (startMatches) {
            return 0;
        }
        Cache current = cache;
        // One flat table of ints (a state is the offset of its row; 0 unknown, MATCHED where a match is reached):
        // the steady state reads one entry per character, with no object to dereference on the way.
        int[] table = current.table;
        int state = START_ROW * stride;
        Cache[] stepped = null;
        long flushesBefore = flushes;
        int length = value.length();
        // The value is read in chunks copied to a char array (CodePointClasses.fillChunk says why).
        char[] chunk = CodePointClasses.chunk();
        for (int begin = 0; begin < length; ) {
            int end = CodePointClasses.fillChunk(value, begin, chunk);
            int n = end - begin;
            int chunkStart = begin;
            begin = end;
            for (int i = 0; i < n; ) {
                int cp = chunk[i++];
                int cls;
                if (cp < 128) {
                    cls = asciiClass[cp];
                } else {
                    if (Character.isHighSurrogate((char) cp) && i < n) {
                        char low = chunk[i];
                        if (Character.isLowSurrogate(low)) {
                            cp = Character.toCodePoint((char) cp, low);
                            i++;
                        }
                    }
                    if (lowerCaseInput) {
                        // String.toLowerCase lowers every code point as Character.toLowerCase does, except these two
                        // (İ becomes two characters, Σ depends on its neighbours): the caller lowers such a value
                        // itself.
                        if (cp == CAPITAL_I_WITH_DOT || cp == CAPITAL_SIGMA) {
                            return UNDECIDED_END;
                        }
                        cp = Character.toLowerCase(cp);
                    }
                    cls = classOf(cp);
                }
                int next = table[state + cls];
                if (next <= 0) {
                    if (next == UNKNOWN) {
                        if (stepped == null) {
                            stepped = new Cache[1];
                        }
                        next = step(current, state, cls, stepped);
                        if (flushes - flushesBefore > 1) {
                            return UNDECIDED_END;
                        }
                        current = stepped[0];
                        table = current.table;
                    }
                    if (next == MATCHED) {
                        return chunkStart + i;
                    }
                }
                state = next;
            }
        }
        return NO_MATCH_END;
    }

    /** {@link CodePointClasses#classOf}, on this DFA's own copies of the tables (see the fields). */
    private int classOf(int cp) {
        if (cp > 0xFFFF) {
            return classes.classOfCodePoint(cp);
        }
        char[] block = bmpBlocks[cp >>> 8];
        return block == null ? uniformBlockClass[cp >>> 8] : block[cp & 0xFF];
    }

    /**
     * The state after reading class {@code cls} in the state at row offset {@code from} of {@code in} (a generation
     * that may since have been flushed): its row offset in the current generation, which is put in {@code into[0]},
     * or {@link #MATCHED}.
     */
    private synchronized int step(Cache in, int from, int cls, Cache[] into) {
        Cache current = cache;
        if (in == current) {
            int known = current.table[from + cls];
            if (known != UNKNOWN) {
                into[0] = current;
                return known;
            }
        }
        closure.clear();
        int c = classes.representative[cls];
        for (int pc : in.pcs[from / stride]) {
            if (kind[pc] == KIND_RUNE && CodePointClasses.contains(ranges[pc], c)) {
                closure.addReachable(out[pc]);
            }
        }
        // Unanchored search: a match may start at every position.
        for (int pc : startPcs) {
            closure.addOne(pc);
        }
        int to = intern(Arrays.copyOf(closure.list, closure.size));
        current = cache;
        if (in == current) {
            current.table[from + cls] = to;
        }
        into[0] = current;
        return to;
    }

    private int intern(int[] pcs) {
        Arrays.sort(pcs);
        for (int pc : pcs) {
            if (kind[pc] == KIND_MATCH) {
                // The search stops there: nothing cached.
                return MATCHED;
            }
        }
        Key key = new Key(pcs);
        Integer known = cache.rows.get(key);
        if (known != null) {
            return known;
        }
        int cost = pcs.length + stride + STATE_OVERHEAD_INTS;
        if (cacheInts + cost > maxCacheInts && cache.states > 1) {
            // Full: drop every state (a search holding the old generation reads on in it) and start
            // again from the start state, as RE2 does.
            flushes++;
            resetCache();
            known = cache.rows.get(key);
            if (known != null) {
                return known;
            }
        }
        return add(key);
    }

    private int add(Key key) {
        Cache current = cache;
        int row = START_ROW + current.states;
        if (row >= current.pcs.length) {
            current.pcs = Arrays.copyOf(current.pcs, current.pcs.length * 2);
            current.table = Arrays.copyOf(current.table, current.pcs.length * stride);
        }
        current.pcs[row] = key.pcs();
        current.states++;
        current.rows.put(key, row * stride);
        cacheInts += key.pcs().length + stride + STATE_OVERHEAD_INTS;
        return row * stride;
    }

    private synchronized void resetCache() {
        cache = new Cache(stride);
        cacheInts = 0;
        Key key = new Key(initialPcs);
        for (int pc : initialPcs) {
            startMatches |= kind[pc] == KIND_MATCH;
        }
        add(key);
    }

    /** A table entry: the transition has not been computed yet. */
    private static final int UNKNOWN = 0;

    /** A table entry: a match is reached (the search stops there). */
    private static final int MATCHED = -1;

    /** Row 0 is left unused, so that every state's offset is positive and 0 can mean {@link #UNKNOWN}. */
    private static final int START_ROW = 1;

    /** One generation of the cache. */
    private static final class Cache {
        /** Each state's row of next-state offsets, by class; replaced by a larger copy as states are added. */
        volatile int[] table;
        /** Each state's NFA instructions, by row. */
        int[][] pcs = new int[16][];
        /** Each state's row offset, by its instructions. */
        final Map<Key, Integer> rows = new HashMap<>();
        /** How many states (rows from {@link #START_ROW} on). */
        int states;

        Cache(int stride) {
            table = new int[16 * stride];
        }
    }

    private record Key(int[] pcs) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(pcs, key.pcs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pcs);
        }
    }

    /**
     * Reads RE2/J's compiled program ({@code Pattern.re2.prog}: instructions with an op, out and
     * arg pc and a rune set), which RE2/J keeps package-private. The semantics copied are those of
     * its NFA ({@code Machine.step}): RUNE1 matches its one rune exactly, RUNE its sorted pairs or,
     * with one rune and the fold flag, the rune's simple-fold orbit; RUNE_ANY everything,
     * RUNE_ANY_NOT_NL all but {@code \n}.
     */
    private static final class Re2jProgram {

        /**
         * @param phrases the pattern is a phrase list ({@link #ofPhrases}): its sets stay as RE2/J has them (no
         *     {@code (?i)} set to widen) and the automaton reads the value lowered
         */
        static LazyDfaPrefilter read(com.google.re2j.Pattern pattern, boolean phrases, int maxCacheInts)
                throws ReflectiveOperationException {
            Object re2 = field(com.google.re2j.Pattern.class, "re2").get(pattern);
            Class<?> re2Class = Class.forName("com.google.re2j.RE2");
            Object prog = field(re2Class, "prog").get(re2);
            Class<?> progClass = Class.forName("com.google.re2j.Prog");
            Class<?> instClass = Class.forName("com.google.re2j.Inst");
            Object[] inst = (Object[]) field(progClass, "inst").get(prog);
            int size = field(progClass, "instSize").getInt(prog);
            int start = field(progClass, "start").getInt(prog);
            int foldCase = field(re2Class, "FOLD_CASE").getInt(null);
            int beginText = field(Class.forName("com.google.re2j.Utils"), "EMPTY_BEGIN_TEXT")
                    .getInt(null);
            Field opField = field(instClass, "op");
            Field outField = field(instClass, "out");
            Field argField = field(instClass, "arg");
            Field runesField = field(instClass, "runes");
            Map<Integer, String> ops = new HashMap<>();
            for (String name : List.of(
                    "ALT",
                    "ALT_MATCH",
                    "CAPTURE",
                    "EMPTY_WIDTH",
                    "FAIL",
                    "MATCH",
                    "NOP",
                    "RUNE",
                    "RUNE1",
                    "RUNE_ANY",
                    "RUNE_ANY_NOT_NL")) {
                ops.put(field(instClass, name).getInt(null), name);
            }
            Method simpleFold = Class.forName("com.google.re2j.Unicode").getDeclaredMethod("simpleFold", int.class);
            simpleFold.setAccessible(true);
            int[] kind = new int[size];
            int[] out = new int[size];
            int[] alt = new int[size];
            int[][] ranges = new int[size][];
            for (int pc = 0; pc < size; pc++) {
                Object i = inst[pc];
                out[pc] = outField.getInt(i);
                int arg = argField.getInt(i);
                int[] runes = (int[]) runesField.get(i);
                String op = ops.get(opField.getInt(i));
                if (op == null) {
                    throw new IllegalStateException("unknown RE2/J instruction");
                }
                switch (op) {
                    case "ALT", "ALT_MATCH" -> {
                        kind[pc] = KIND_SPLIT;
                        alt[pc] = arg;
                    }
                    // Assertions taken as always true (the automaton accepts a superset), but for ^ alone.
                    case "CAPTURE", "NOP" -> kind[pc] = KIND_EPSILON;
                    case "EMPTY_WIDTH" -> kind[pc] = arg == beginText ? KIND_BEGIN_TEXT : KIND_EPSILON;
                    case "FAIL" -> kind[pc] = KIND_FAIL;
                    case "MATCH" -> kind[pc] = KIND_MATCH;
                    case "RUNE1" -> ranges[pc] = new int[] {runes[0], runes[0]};
                    case "RUNE" -> {
                        if (runes.length == 1 && (arg & foldCase) != 0) {
                            ranges[pc] = foldOrbit(runes[0], simpleFold);
                        } else {
                            ranges[pc] = runes.clone();
                        }
                    }
                    case "RUNE_ANY" -> ranges[pc] = new int[] {0, MAX_CODE_POINT};
                    case "RUNE_ANY_NOT_NL" -> ranges[pc] = new int[] {0, '\n' - 1, '\n' + 1, MAX_CODE_POINT};
                    default -> throw new IllegalStateException(op);
                }
                if (ranges[pc] != null) {
                    kind[pc] = KIND_RUNE;
                    ranges[pc] = phrases
                            ? normalized(ranges[pc])
                            : normalized(withJavasFoldingOfNegatedSets(normalized(ranges[pc])));
                }
            }
            return new LazyDfaPrefilter(kind, out, alt, ranges, start, phrases, maxCacheInts);
        }

        /**
         * RE2 folds a negated set under {@code (?i)} by Unicode, java.util.regex by US-ASCII: RE2's
         * {@code (?i)[^k]} and {@code (?i)\W} leave out the Kelvin sign and the long s (which fold
         * to k and s), Java's match them. Any set reaching beyond ASCII gets both back, so that
         * the automaton stays a superset of what either engine matches.
         */
        private static int[] withJavasFoldingOfNegatedSets(int[] pairs) {
            if (pairs.length == 0 || pairs[pairs.length - 1] < 0x80) {
                return pairs;
            }
            int[] more = Arrays.copyOf(pairs, pairs.length + 4);
            more[pairs.length] = LONG_S;
            more[pairs.length + 1] = LONG_S;
            more[pairs.length + 2] = KELVIN_SIGN;
            more[pairs.length + 3] = KELVIN_SIGN;
            return more;
        }

        private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }

        private static int[] foldOrbit(int rune, Method simpleFold) throws ReflectiveOperationException {
            List<Integer> orbit = new ArrayList<>();
            orbit.add(rune);
            if (rune >= 0) {
                for (int r = (int) simpleFold.invoke(null, rune); r != rune; r = (int) simpleFold.invoke(null, r)) {
                    orbit.add(r);
                }
            }
            int[] pairs = new int[orbit.size() * 2];
            for (int k = 0; k < orbit.size(); k++) {
                pairs[2 * k] = orbit.get(k);
                pairs[2 * k + 1] = orbit.get(k);
            }
            return pairs;
        }

        /** Sorted, merged, clipped to valid code points. */
        private static int[] normalized(int[] pairs) {
            List<int[]> list = new ArrayList<>();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                int lo = Math.max(0, pairs[i]);
                int hi = Math.min(MAX_CODE_POINT, pairs[i + 1]);
                if (lo <= hi) {
                    list.add(new int[] {lo, hi});
                }
            }
            list.sort((x, y) -> Integer.compare(x[0], y[0]));
            List<int[]> merged = new ArrayList<>();
            for (int[] r : list) {
                if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1] + 1) {
                    int[] last = merged.get(merged.size() - 1);
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    merged.add(r);
                }
            }
            int[] result = new int[merged.size() * 2];
            for (int k = 0; k < merged.size(); k++) {
                result[2 * k] = merged.get(k)[0];
                result[2 * k + 1] = merged.get(k)[1];
            }
            return result;
        }
    }
}
