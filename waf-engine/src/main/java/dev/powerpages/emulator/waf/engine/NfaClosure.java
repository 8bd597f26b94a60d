package dev.powerpages.emulator.waf.engine;

/**
 * The instructions an NFA is in without reading a character, gathered while a lazy DFA computes a state
 * ({@link LazyDfaPrefilter}, {@link MultiPatternDfa}): one copy of that walk and its scratch space. Not thread-safe: a
 * DFA uses it under its lock.
 */
final class NfaClosure {

    private final int[] kind;
    private final int[] out;
    private final int[] alt;

    /** Per instruction: the generation in which it was last visited (so a state's list holds each once). */
    private final int[] mark;

    private int generation;
    private final int[] stack;

    /** The rune and match instructions gathered since {@link #clear}, in the first {@link #size} entries. */
    final int[] list;

    int size;

    /**
     * Whether the walk is at the value's first position, where {@code ^} (RE2's BEGIN_TEXT, {@link
     * LazyDfaPrefilter#KIND_BEGIN_TEXT}) holds: only while a DFA computes its start state. Elsewhere the walk stops there.
     */
    boolean atTextStart;

    NfaClosure(int[] kind, int[] out, int[] alt) {
        this.kind = kind;
        this.out = out;
        this.alt = alt;
        int n = kind.length;
        this.mark = new int[n];
        this.stack = new int[n * 2 + 2];
        this.list = new int[n];
    }

    /** Starts a new state: nothing gathered, nothing visited. */
    void clear() {
        generation++;
        size = 0;
    }

    /** Adds the rune and match instructions reachable from {@code pc} without reading a character. */
    void addReachable(int pc) {
        int top = 0;
        stack[top++] = pc;
        while (top > 0) {
            int p = stack[--top];
            if (mark[p] == generation) {
                continue;
            }
            mark[p] = generation;
            switch (kind[p]) {
                case LazyDfaPrefilter.KIND_RUNE, LazyDfaPrefilter.KIND_MATCH -> list[size++] = p;
                case LazyDfaPrefilter.KIND_EPSILON -> stack[top++] = out[p];
                case LazyDfaPrefilter.KIND_BEGIN_TEXT -> {
                    if (atTextStart) {
                        stack[top++] = out[p];
                    }
                }
                case LazyDfaPrefilter.KIND_SPLIT -> {
                    stack[top++] = alt[p];
                    stack[top++] = out[p];
                }
                default -> {}
            }
        }
    }

    /** Adds {@code pc} itself (a rune or match instruction) unless it is already gathered. */
    void addOne(int pc) {
        if (mark[pc] != generation) {
            mark[pc] = generation;
            list[size++] = pc;
        }
    }
}
