package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One lazy DFA over several patterns' {@link LazyDfaPrefilter} automata, answering in a single pass over a value which
 * of them may match it: the CRS runs ~100 patterns over the same transformed value, and at ~1-2 ns per character per
 * pass it was the number of passes over a hostile 128 KB body that bounded its cost (docs/waf.md). This is
 * multi-pattern matching as Hyperscan and RE2's {@code RE2::Set} do it: the patterns' NFAs side by side, a DFA state
 * being the set of NFA instructions live across all of them plus the set of patterns already found, built on demand
 * and cached with a bound. A pattern found is dropped from the states that follow (its answer is known), so the
 * union shrinks as patterns match. Each pattern's answer is exactly its own automaton's answer ({@link
 * LazyDfaPrefilter#mayMatch}): the same NFA, the same classes of code points, the same unanchored search.
 *
 * <p>The union may need far more states than any one pattern (a state is a tuple of every pattern's position), so the
 * cache is bounded ({@link #MAX_CACHE_INTS}) and flushed when full, and a value that fills it more than once answers
 * {@code null}: the caller runs each pattern's own automaton as before. The states every unanchored search is in
 * after every character (each unfound pattern's start) are implied by the found set rather than stored, so a state
 * holds only the instructions beyond them, and the start's transitions are computed once per class. Thread-safe as
 * {@link LazyDfaPrefilter} is: entries are written racily into a table published through a volatile field, misses
 * are computed under a lock. Written here for the same reason as that class: no library on the registry offers a lazy
 * (multi-pattern) DFA for Java.
 */
final class MultiPatternDfa {

    /**
     * Per union: ~2 MB of states at most (RE2's C++ DFA budget for a set is a few MB). On the hostile 128 KB bodies the
     * largest union (16 patterns, ~100 classes) holds ~2 800 states, ~1.4 MB; a rule set has ~16 unions.
     */
    static final int MAX_CACHE_INTS = 1 << 19;

    /** A table entry: the transition has not been computed yet. */
    private static final int UNKNOWN = 0;

    /** A table entry: every pattern has been found (the search stops there). */
    private static final int ALL_FOUND = -1;

    /** Row 0 is left unused, so that every state's offset is positive and 0 can mean {@link #UNKNOWN}. */
    private static final int START_ROW = 1;

    private static final int STATE_OVERHEAD_INTS = 24;

    private final int patterns;
    private final int words;

    private final int[] kind;
    private final int[] out;
    private final int[] alt;
    private final int[][] ranges;
    /** Each instruction's pattern. */
    private final int[] patternOf;
    /** Whether an instruction is in its pattern's start set (implied by every state in which the pattern is unfound). */
    private final boolean[] inStart;

    /** Per class: the start instructions (of every pattern) that read it. */
    private final int[][] startRunesByClass;

    /**
     * Classes of code points that every instruction treats alike, as in {@link LazyDfaPrefilter} (the union's classes
     * refine each pattern's, so every pattern reads each character as its own automaton does).
     */
    private final CodePointClasses classes;

    // The classes' tables, held by this DFA itself: its inner loop reads them as fields of this, as it did before the
    // classes were shared (no further indirection per character).
    private final int[] asciiClass;
    private final char[][] bmpBlocks;
    private final int[] uniformBlockClass;

    private final int stride;
    private final int maxCacheInts;

    /** Phrase lists' automata: characters are read lowered, as {@link LazyDfaPrefilter#ofPhrases} reads them. */
    private final boolean lowerCaseInput;

    /** Patterns that match the empty string: found before the first character. */
    private final long[] foundAtStart;

    private final long[] all;

    private volatile Cache cache;
    private int cacheInts;
    private volatile long flushes;

    /** Scratch space for closures, guarded by this. */
    private final NfaClosure closure;

    /**
     * The start state's instructions beyond the implied start ones: those only the first position reaches, behind a
     * {@code ^} ({@link LazyDfaPrefilter#KIND_BEGIN_TEXT}), sorted.
     */
    private final int[] initialOnlyPcs;

    MultiPatternDfa(List<LazyDfaPrefilter> automata) {
        this(automata, MAX_CACHE_INTS);
    }

    MultiPatternDfa(List<LazyDfaPrefilter> automata, int maxCacheInts) {
        lowerCaseInput = automata.get(0).lowerCaseInput;
        for (LazyDfaPrefilter automaton : automata) {
            if (automaton.lowerCaseInput != lowerCaseInput) {
                throw new IllegalArgumentException("phrase lists (read lowered) and patterns are not joined");
            }
        }
        this.maxCacheInts = maxCacheInts;
        patterns = automata.size();
        words = (patterns + 63) / 64;
        int size = 0;
        for (LazyDfaPrefilter automaton : automata) {
            size += automaton.kind.length;
        }
        kind = new int[size];
        out = new int[size];
        alt = new int[size];
        ranges = new int[size][];
        patternOf = new int[size];
        inStart = new boolean[size];
        foundAtStart = new long[words];
        int offset = 0;
        List<Integer> startRunes = new ArrayList<>();
        for (int p = 0; p < patterns; p++) {
            LazyDfaPrefilter automaton = automata.get(p);
            int n = automaton.kind.length;
            for (int pc = 0; pc < n; pc++) {
                kind[offset + pc] = automaton.kind[pc];
                out[offset + pc] = automaton.out[pc] + offset;
                alt[offset + pc] = automaton.alt[pc] + offset;
                ranges[offset + pc] = automaton.ranges[pc];
                patternOf[offset + pc] = p;
            }
            for (int pc : automaton.startPcs) {
                inStart[offset + pc] = true;
                if (kind[offset + pc] == LazyDfaPrefilter.KIND_RUNE) {
                    startRunes.add(offset + pc);
                }
            }
            for (int pc : automaton.initialPcs) {
                if (kind[offset + pc] == LazyDfaPrefilter.KIND_MATCH) {
                    foundAtStart[p >>> 6] |= 1L << p;
                }
            }
            offset += n;
        }
        // What only the first position holds (behind a ^), for the patterns not found there already.
        List<Integer> initial = new ArrayList<>();
        offset = 0;
        for (int p = 0; p < patterns; p++) {
            LazyDfaPrefilter automaton = automata.get(p);
            for (int pc : automaton.initialPcs) {
                if (!inStart[offset + pc]
                        && kind[offset + pc] == LazyDfaPrefilter.KIND_RUNE
                        && !found(foundAtStart, p)) {
                    initial.add(offset + pc);
                }
            }
            offset += automaton.kind.length;
        }
        initialOnlyPcs = initial.stream().mapToInt(Integer::intValue).sorted().toArray();
        all = new long[words];
        for (int p = 0; p < patterns; p++) {
            all[p >>> 6] |= 1L << p;
        }
        closure = new NfaClosure(kind, out, alt);
        classes = new CodePointClasses(ranges, lowerCaseInput);
        asciiClass = classes.asciiClass;
        bmpBlocks = classes.bmpBlocks;
        uniformBlockClass = classes.uniformBlockClass;
        stride = classes.count();
        startRunesByClass = new int[stride][];
        for (int cls = 0; cls < stride; cls++) {
            int c = classes.representative[cls];
            startRunesByClass[cls] = startRunes.stream()
                    .filter(pc -> CodePointClasses.contains(ranges[pc], c))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        resetCache();
    }

    /** How many patterns the union holds. */
    int patterns() {
        return patterns;
    }

    /** The number of classes the code points fall into (the width of a state's transition row). */
    int classCount() {
        return stride;
    }

    /** The number of states in the cache now (for tests and measurements). */
    synchronized int cachedStates() {
        return cache.states;
    }

    /** How often the cache has been dropped because it was full. */
    long flushes() {
        return flushes;
    }

    /** Whether pattern {@code index} may match, in an answer of {@link #search}. */
    static boolean found(long[] answer, int index) {
        return (answer[index >>> 6] & 1L << index) != 0;
    }

    /**
     * The patterns that may match a substring of {@code value}, as a bit set by their index (pattern {@code i} is set
     * exactly when its own automaton's {@link LazyDfaPrefilter#mayMatch} is true; for phrase lists, exactly when one of
     * its phrases is in the value); null when the cache overflowed more than once while reading it, or (phrase lists)
     * the value holds İ or Σ (the caller must ask each pattern's own automaton). The array is shared: not to be
     * written.
     */
    long[] search(CharSequence value) {
        Cache current = cache;
        int[] table = current.table;
        int state = START_ROW * stride;
        Cache[] stepped = null;
        long flushesBefore = flushes;
        int length = value.length();
        // The per-character loop is LazyDfaPrefilter's, written out again on purpose: shared, it would need a call per
        // character or an object per search to hand back the generation the search ended in (this one's answer is that
        // generation's found set), and at 1-2 ns per character either shows. What the loop reads is shared.
        char[] chunk = CodePointClasses.chunk();
        for (int begin = 0; begin < length; ) {
            int end = CodePointClasses.fillChunk(value, begin, chunk);
            int n = end - begin;
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
                        // As LazyDfaPrefilter: İ and Σ are not lowered one at a time by String.toLowerCase; the caller
                        // asks each automaton, which sends the value to the lowered copy.
                        if (cp == 0x0130 || cp == 0x03A3) {
                            return null;
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
                            return null;
                        }
                        current = stepped[0];
                        table = current.table;
                    }
                    if (next == ALL_FOUND) {
                        return all;
                    }
                }
                state = next;
            }
        }
        return current.found[state / stride];
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
     * that may since have been flushed): its row offset in the current generation, put in {@code into[0]}, or {@link
     * #ALL_FOUND}.
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
        int row = from / stride;
        long[] before = in.found[row];
        long[] found = before.clone();
        closure.clear();
        int c = classes.representative[cls];
        for (int pc : in.pcs[row]) {
            if (kind[pc] == LazyDfaPrefilter.KIND_RUNE && CodePointClasses.contains(ranges[pc], c)) {
                closure.addReachable(out[pc]);
            }
        }
        // The implied start instructions of every pattern not found yet (an unanchored search is in them after every
        // character).
        for (int pc : startRunesByClass[cls]) {
            if (!found(before, patternOf[pc])) {
                closure.addReachable(out[pc]);
            }
        }
        // A match reached marks its pattern found.
        int[] list = closure.list;
        int listSize = closure.size;
        for (int k = 0; k < listSize; k++) {
            int pc = list[k];
            if (kind[pc] == LazyDfaPrefilter.KIND_MATCH) {
                found[patternOf[pc] >>> 6] |= 1L << patternOf[pc];
            }
        }
        boolean done = true;
        for (int w = 0; w < words; w++) {
            done &= found[w] == all[w];
        }
        int to;
        if (done) {
            to = ALL_FOUND;
        } else {
            // A found pattern's threads (and its match) are dropped, and so are start instructions (implied by the
            // found set).
            int kept = 0;
            for (int k = 0; k < listSize; k++) {
                int pc = list[k];
                if (!inStart[pc] && !found(found, patternOf[pc])) {
                    list[kept++] = pc;
                }
            }
            int[] pcs = Arrays.copyOf(list, kept);
            Arrays.sort(pcs);
            to = intern(pcs, Arrays.equals(found, before) ? before : found);
        }
        current = cache;
        if (in == current) {
            current.table[from + cls] = to;
        }
        into[0] = current;
        return to;
    }

    private int intern(int[] pcs, long[] found) {
        Key key = new Key(pcs, found);
        Integer known = cache.rows.get(key);
        if (known != null) {
            return known;
        }
        if (cacheInts + cost(key) > maxCacheInts && cache.states > 1) {
            // Full: drop every state (a search holding the old generation reads on in it) and go on from the state in
            // hand, as RE2 does.
            flushes++;
            resetCache();
            known = cache.rows.get(key);
            if (known != null) {
                return known;
            }
        }
        return add(key);
    }

    private int cost(Key key) {
        return key.pcs().length + 2 * words + stride + STATE_OVERHEAD_INTS;
    }

    private int add(Key key) {
        Cache current = cache;
        int row = START_ROW + current.states;
        if (row >= current.pcs.length) {
            int rows = current.pcs.length * 2;
            current.pcs = Arrays.copyOf(current.pcs, rows);
            current.found = Arrays.copyOf(current.found, rows);
            current.table = Arrays.copyOf(current.table, rows * stride);
        }
        current.pcs[row] = key.pcs();
        current.found[row] = key.found();
        current.states++;
        current.rows.put(key, row * stride);
        cacheInts += cost(key);
        return row * stride;
    }

    private synchronized void resetCache() {
        cache = new Cache(stride);
        cacheInts = 0;
        add(new Key(initialOnlyPcs, foundAtStart.clone()));
    }

    /** One generation of the cache. */
    private static final class Cache {
        volatile int[] table;
        int[][] pcs = new int[16][];
        long[][] found = new long[16][];
        final Map<Key, Integer> rows = new HashMap<>();
        int states;

        Cache(int stride) {
            table = new int[16 * stride];
        }
    }

    private record Key(int[] pcs, long[] found) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(pcs, key.pcs) && Arrays.equals(found, key.found);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pcs) * 31 + Arrays.hashCode(found);
        }
    }
}
