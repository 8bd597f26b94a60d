package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code @rx} patterns and {@code @pm} phrase lists of a rule set joined into {@link MultiPatternDfa}s by what they
 * read: rules whose operator reads the value after the same transformations read the same transformed values (the
 * engine transforms each value once per request per chain prefix), so one pass of their union over a value answers
 * all of them, where each rule's own automaton made a pass of its own. A {@code multiMatch} rule reads the value after
 * each prefix of its chain, so it joins the union of each prefix. Patterns and phrase lists (read lowered) have
 * unions of their own.
 *
 * <p>A union holds at most {@link #MAX_PATTERNS} automata: a state is a tuple of every pattern's position, so a large
 * union needs many states on hostile text, and its transition table stops fitting the processor's caches (on the
 * hostile 128 KB bodies, unions of 16 cost least: of 64, a union of the 32 patterns reading the decoded values held
 * ~5 000 states, flushed, and read slower than 16 apart). Where a union cannot answer (its cache overflowed twice on
 * the value), each pattern asks its own automaton, as before.
 */
final class PatternUnions {

    /** At most this many automata per union. */
    static final int MAX_PATTERNS = 16;

    /** Where a rule's operator is in the unions, after a given number of its transformations. */
    record Member(int union, int index) {}

    /** Per chain link: its membership by the number of transformations applied (null where it has none). */
    private final Map<WafRule, Member[]> members = new IdentityHashMap<>();

    private final List<MultiPatternDfa> unions = new ArrayList<>();

    /** A union's answer on a value it could not decide: each operator searches on its own. */
    private static final long[] UNDECIDED = new long[0];

    private record Reader(WafRule link, int transformations, LazyDfaPrefilter automaton) {}

    PatternUnions(List<WafRule> rules) {
        // By (what the automaton reads: lowered or not, the transformations before it), in rule order.
        Map<List<Object>, List<Reader>> byInput = new LinkedHashMap<>();
        for (WafRule rule : rules) {
            for (WafRule link = rule; link != null; link = link.next()) {
                LazyDfaPrefilter automaton = automaton(link.operator());
                if (automaton == null || members.containsKey(link)) {
                    continue;
                }
                members.put(link, new Member[link.transformations().size() + 1]);
                List<UnaryOperator<String>> chain = link.transformations();
                for (int n = link.multiMatch() ? 0 : chain.size(); n <= chain.size(); n++) {
                    byInput.computeIfAbsent(
                                    List.of(automaton.lowerCaseInput, List.copyOf(chain.subList(0, n))),
                                    k -> new ArrayList<>())
                            .add(new Reader(link, n, automaton));
                }
            }
        }
        for (List<Reader> readers : byInput.values()) {
            for (int from = 0; from < readers.size(); from += MAX_PATTERNS) {
                List<Reader> part = readers.subList(from, Math.min(readers.size(), from + MAX_PATTERNS));
                if (part.size() < 2) {
                    continue; // one automaton: its own pass is the same pass
                }
                List<LazyDfaPrefilter> automata = new ArrayList<>();
                for (int i = 0; i < part.size(); i++) {
                    Reader reader = part.get(i);
                    automata.add(reader.automaton());
                    members.get(reader.link())[reader.transformations()] = new Member(unions.size(), i);
                }
                unions.add(new MultiPatternDfa(automata));
            }
        }
    }

    private static LazyDfaPrefilter automaton(Operator operator) {
        if (operator instanceof Operators.Regex regex) {
            return regex.automaton();
        }
        if (operator instanceof Operators.Phrases phrases) {
            return phrases.automaton();
        }
        return null;
    }

    /** The unions (for tests and measurements). */
    List<MultiPatternDfa> unions() {
        return unions;
    }

    /** One request's answers: each union's, per value it has read. */
    Answers answers() {
        return new Answers(unions.size());
    }

    /**
     * {@code link}'s place in the unions by the number of its transformations applied (null where it has none),
     * resolved once per rule when the rules load (RuleEngine keeps it), where looking it up cost a hash per operator
     * call.
     */
    Member[] members(WafRule link) {
        return members.get(link);
    }

    /**
     * {@code link}'s operator on {@code value}, the value after the first {@code transformations} of its chain: through
     * its union's answer for the value where it has one (computed on the first call for the value, shared by every
     * other automaton of the union), otherwise as the operator alone answers.
     *
     * @param byPrefix {@code link}'s {@link #members}
     * @param id the request's number for the raw value {@code value} was transformed from
     *     ({@link TransformationChains.Values#id}): a union reads the values of one chain prefix, so the raw value's
     *     number identifies the value it reads (before, the value was looked up by identity per call)
     */
    boolean matches(
            WafRule link,
            Member[] byPrefix,
            int transformations,
            String value,
            int id,
            InspectionBudget budget,
            Answers answers) {
        Member member = byPrefix == null ? null : byPrefix[transformations];
        if (member == null) {
            return link.operator().matches(value, budget);
        }
        long[][] known = answers.byUnion[member.union()];
        if (known == null || id >= known.length) {
            known = known == null ? new long[id + 8][] : Arrays.copyOf(known, Math.max(known.length * 2, id + 1));
            answers.byUnion[member.union()] = known;
        }
        long[] found = known[id];
        if (found == null) {
            found = unions.get(member.union()).search(value);
            if (found == null) {
                found = UNDECIDED;
            }
            known[id] = found;
        }
        if (found == UNDECIDED) {
            return link.operator().matches(value, budget);
        }
        boolean mayMatch = MultiPatternDfa.found(found, member.index());
        return link.operator() instanceof Operators.Regex regex
                ? regex.matches(value, budget, mayMatch)
                : ((Operators.Phrases) link.operator()).matches(value, budget, mayMatch);
    }

    /** Per request. */
    static final class Answers {

        /** Per union, by the request's number of the raw value: the union's answer on the value it reads. */
        private final long[][][] byUnion;

        private Answers(int unions) {
            byUnion = new long[unions][][];
        }
    }
}
