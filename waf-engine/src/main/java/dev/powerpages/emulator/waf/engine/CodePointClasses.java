package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The classes of code points that every rune instruction of an automaton treats alike, and how a character finds its
 * class; one copy for {@link LazyDfaPrefilter} (one pattern's instructions) and {@link MultiPatternDfa} (several
 * patterns' side by side, whose classes therefore refine each pattern's). The classes are found by splitting the
 * code-point range at every bound of every instruction's set, with a 128-bit random signature per class of
 * instructions. Written here for the reason those classes give: no lazy DFA for Java on the registry.
 *
 * <p>A DFA's inner loop is hot (1-2 ns per character): each DFA copies {@link #asciiClass}, {@link #bmpBlocks} and
 * {@link #uniformBlockClass} into final fields of its own and reads them as before, so that a character is not one
 * indirection further away; only code points beyond the BMP come here.
 */
final class CodePointClasses {

    private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

    /** Each ASCII character's class, the character lowered first where the automaton reads lowered input. */
    final int[] asciiClass = new int[128];

    /** A code point of each class, on which a class's transitions are computed. */
    final int[] representative;

    /** The first code point of each interval the code-point range is split into, sorted. */
    private final int[] intervalStarts;

    private final int[] intervalClass;

    /**
     * The classes of the Basic Multilingual Plane by blocks of 256 code points: a block inside one class is that class
     * in {@link #uniformBlockClass} (null here), the few that the patterns' sets split have a row each. A hostile
     * value is full of characters beyond ASCII, and a binary search over the interval bounds per character was ~8 %
     * of the DFA's time.
     */
    final char[][] bmpBlocks = new char[256][];

    final int[] uniformBlockClass = new int[256];

    /**
     * @param ranges per instruction, the code points it matches as sorted, disjoint inclusive pairs (null for an
     *     instruction that reads no character)
     * @param lowerCaseInput the automaton reads characters lowered (only ASCII's table depends on it: beyond ASCII the
     *     caller lowers the code point before {@link #classOf})
     */
    CodePointClasses(int[][] ranges, boolean lowerCaseInput) {
        TreeSet<Integer> bounds = new TreeSet<>();
        bounds.add(0);
        for (int[] r : ranges) {
            if (r == null) {
                continue;
            }
            for (int i = 0; i < r.length; i += 2) {
                bounds.add(r[i]);
                if (r[i + 1] < MAX_CODE_POINT) {
                    bounds.add(r[i + 1] + 1);
                }
            }
        }
        intervalStarts = bounds.stream().mapToInt(Integer::intValue).toArray();
        // Each interval's signature: the sum, over the instructions matching it, of two random
        // 64-bit numbers per instruction (a difference array over the intervals); intervals with
        // equal signatures share a class.
        long[] sigA = new long[intervalStarts.length + 1];
        long[] sigB = new long[intervalStarts.length + 1];
        SplittableRandom random = new SplittableRandom(0x5eedL);
        for (int[] r : ranges) {
            if (r == null) {
                continue;
            }
            long a = random.nextLong();
            long b = random.nextLong();
            for (int i = 0; i < r.length; i += 2) {
                int from = Arrays.binarySearch(intervalStarts, r[i]);
                int to = r[i + 1] < MAX_CODE_POINT
                        ? Arrays.binarySearch(intervalStarts, r[i + 1] + 1)
                        : intervalStarts.length;
                sigA[from] += a;
                sigA[to] -= a;
                sigB[from] += b;
                sigB[to] -= b;
            }
        }
        intervalClass = new int[intervalStarts.length];
        Map<List<Long>, Integer> classes = new HashMap<>();
        List<Integer> representatives = new ArrayList<>();
        long a = 0;
        long b = 0;
        for (int k = 0; k < intervalStarts.length; k++) {
            a += sigA[k];
            b += sigB[k];
            int k0 = k;
            intervalClass[k] = classes.computeIfAbsent(List.of(a, b), sig -> {
                representatives.add(intervalStarts[k0]);
                return representatives.size() - 1;
            });
        }
        representative = representatives.stream().mapToInt(Integer::intValue).toArray();
        for (int c = 0; c < 128; c++) {
            asciiClass[c] = classOfCodePoint(lowerCaseInput ? Character.toLowerCase(c) : c);
        }
        for (int block = 0; block < 256; block++) {
            int first = block << 8;
            int firstInterval = interval(first);
            int lastInterval = interval(first + 255);
            boolean uniform = true;
            for (int k = firstInterval + 1; k <= lastInterval; k++) {
                uniform &= intervalClass[k] == intervalClass[firstInterval];
            }
            if (uniform) {
                uniformBlockClass[block] = intervalClass[firstInterval];
            } else {
                bmpBlocks[block] = new char[256];
                for (int c = 0; c < 256; c++) {
                    bmpBlocks[block][c] = (char) classOfCodePoint(first + c);
                }
            }
        }
    }

    /** The number of classes (the width of a state's transition row). */
    int count() {
        return representative.length;
    }

    /** A code point's class, through the BMP's blocks where it can. */
    int classOf(int cp) {
        if (cp > 0xFFFF) {
            return classOfCodePoint(cp);
        }
        char[] block = bmpBlocks[cp >>> 8];
        return block == null ? uniformBlockClass[cp >>> 8] : block[cp & 0xFF];
    }

    /** A code point's class by a binary search over the intervals (what {@link #classOf} does beyond the BMP). */
    int classOfCodePoint(int cp) {
        return intervalClass[interval(cp)];
    }

    private int interval(int cp) {
        int k = Arrays.binarySearch(intervalStarts, cp);
        return k >= 0 ? k : -k - 2;
    }

    /** Whether {@code c} is in {@code pairs} (sorted, disjoint inclusive pairs). */
    static boolean contains(int[] pairs, int c) {
        int lo = 0;
        int hi = pairs.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (c < pairs[2 * mid]) {
                hi = mid - 1;
            } else if (c > pairs[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** How many characters a DFA's search copies at a time. */
    private static final int CHUNK = 4096;

    /** Each thread's chunk (a new array per search cost an allocation per rule and value on small requests). */
    private static final ThreadLocal<char[]> CHUNKS = ThreadLocal.withInitial(() -> new char[CHUNK]);

    /** This thread's chunk for {@link #fillChunk}. */
    static char[] chunk() {
        return CHUNKS.get();
    }

    /**
     * Copies the characters of {@code value} from {@code begin} into {@code chunk} (String.getChars is a vectorised
     * copy: charAt checked the index and the string's coder at every character, ~25 % of the DFA loop's time), never
     * splitting a surrogate pair across two chunks; returns the index after the last one copied.
     */
    static int fillChunk(CharSequence value, int begin, char[] chunk) {
        int length = value.length();
        int end = Math.min(length, begin + chunk.length);
        if (end < length && end - begin > 1 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        if (value instanceof String string) {
            string.getChars(begin, end, chunk, 0);
        } else {
            for (int i = begin; i < end; i++) {
                chunk[i - begin] = value.charAt(i);
            }
        }
        return end;
    }
}
