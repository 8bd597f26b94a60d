package dev.powerpages.emulator.waf.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The rules' transformation chains, each prefix numbered once when the rules load (the CRS runs the same chains, and
 * chains sharing a prefix such as {@code urlDecodeUni,htmlEntityDecode,…}, over the same values in rule after rule),
 * so that a request's transformed values are kept per prefix number. Before, every operator call hashed the prefix
 * as a list of functions, compared it element by element and copied it on a miss (~4 % of a hostile body's CPU).
 * Immutable once built, shared by concurrent requests; {@link #newRequest} holds one request's values.
 */
final class TransformationChains {

    /** One prefix: its number, the prefix one shorter (null for the first function) and its last function. */
    record Step(int number, Step previous, UnaryOperator<String> function) {}

    /** Each rule's chain (by instance: every rule and chain link of the engine) as its steps, prefix length - 1. */
    private final Map<List<UnaryOperator<String>>, Step[]> chains = new IdentityHashMap<>();

    private final int prefixes;

    TransformationChains(List<WafRule> rules) {
        Map<List<UnaryOperator<String>>, Step> byPrefix = new HashMap<>();
        for (WafRule rule : rules) {
            for (WafRule link = rule; link != null; link = link.next()) {
                List<UnaryOperator<String>> chain = link.transformations();
                if (chains.containsKey(chain)) {
                    continue;
                }
                Step[] steps = new Step[chain.size()];
                Step previous = null;
                for (int n = 1; n <= chain.size(); n++) {
                    Step before = previous;
                    UnaryOperator<String> function = chain.get(n - 1);
                    previous = byPrefix.computeIfAbsent(
                            List.copyOf(chain.subList(0, n)), prefix -> new Step(byPrefix.size(), before, function));
                    steps[n - 1] = previous;
                }
                chains.put(chain, steps);
            }
        }
        prefixes = byPrefix.size();
    }

    /**
     * {@code chain}'s steps (prefix length - 1), or null for a chain the engine was not built with; resolved once per
     * rule when the rules load (RuleEngine keeps them), where looking the chain up cost a hash per operator call.
     */
    Step[] steps(List<UnaryOperator<String>> chain) {
        return chains.get(chain);
    }

    /** A request's cache of transformed values. */
    Values newRequest(InspectionBudget budget) {
        return new Values(budget);
    }

    /** The number of distinct chain prefixes (for tests). */
    int prefixes() {
        return prefixes;
    }

    final class Values {

        private final InspectionBudget budget;

        /**
         * The request's values numbered, equal values alike: each value is hashed once per request, and its transformed
         * values are then found by number (before, by hashing the value per operator call and prefix).
         */
        private final Map<String, Integer> ids = new HashMap<>();

        /** Per prefix number, by value number: the transformed value; each (value, prefix) decoded once per request. */
        private final String[][] transformed = new String[prefixes][];

        private Values(InspectionBudget budget) {
            this.budget = budget;
        }

        /** The request's number for {@code value} (the same for equal values), from 0 up. */
        int id(String value) {
            Integer id = ids.get(value);
            if (id == null) {
                id = ids.size();
                ids.put(value, id);
            }
            return id;
        }

        /**
         * {@code raw} after the first {@code n} functions of {@code chain}, from the cache where possible; each
         * function run is charged the length of the value it reads, as before.
         */
        String apply(List<UnaryOperator<String>> chain, int n, String raw) {
            return n == 0 ? raw : apply(chains.get(chain), chain, n, raw, id(raw));
        }

        /**
         * As {@link #apply(List, int, String)}, with {@code chain}'s {@link #steps} resolved by the caller and
         * {@code raw}'s {@link #id}.
         */
        String apply(Step[] steps, List<UnaryOperator<String>> chain, int n, String raw, int id) {
            if (n == 0) {
                return raw;
            }
            if (steps == null) {
                // A chain the engine was not built with (not reached by RuleEngine, which builds this from every
                // rule it evaluates): computed without the cache rather than guessed.
                String value = raw;
                for (int i = 0; i < n; i++) {
                    budget.charge(value.length());
                    value = chain.get(i).apply(value);
                }
                return value;
            }
            return apply(steps[n - 1], raw, id);
        }

        private String apply(Step step, String raw, int id) {
            String[] cache = transformed[step.number()];
            if (cache != null && id < cache.length && cache[id] != null) {
                return cache[id];
            }
            String before = step.previous() == null ? raw : apply(step.previous(), raw, id);
            budget.charge(before.length());
            String result = step.function().apply(before);
            if (cache == null || id >= cache.length) {
                cache = cache == null
                        ? new String[Math.max(ids.size(), id + 1)]
                        : Arrays.copyOf(cache, Math.max(cache.length * 2, id + 1));
                transformed[step.number()] = cache;
            }
            cache[id] = result;
            return result;
        }
    }
}
