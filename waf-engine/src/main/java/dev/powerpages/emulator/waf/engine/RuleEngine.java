package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Evaluates loaded rules against a request, as ModSecurity does in anomaly-scoring mode: every
 * enabled rule is tried on every value of its targets (after its transformations), and each rule
 * that fires is reported once, with the first variable it fired on.
 */
public final class RuleEngine {

    private static final int EXCERPT = 100;

    /**
     * What one operator call costs beyond the characters it reads (setting up a matcher, a
     * tokeniser): a request with thousands of small arguments costs CPU per argument × rule.
     */
    static final int CALL_COST = 16;

    private final List<WafRule> rules;

    private final TransformationChains chains;

    /** The rules' patterns joined by what they read: one automaton pass per value for all of them. */
    private final PatternUnions unions;

    public RuleEngine(List<WafRule> rules) {
        this.rules = List.copyOf(rules);
        this.chains = new TransformationChains(this.rules);
        this.unions = new PatternUnions(this.rules);
    }

    public List<WafRule> rules() {
        return rules;
    }

    /**
     * @param enabled which rules take part (disabled rules and groups are left out)
     * @param exclusions request parts a rule must not inspect (Front Door's managed rule exclusions)
     */
    public List<RuleMatch> evaluate(WafRequest request, Predicate<WafRule> enabled, Exclusions exclusions) {
        return evaluate(request, enabled, exclusions, InspectionBudget.unlimited())
                .matches();
    }

    /**
     * As {@link #evaluate(WafRequest, Predicate, Exclusions)}, spending {@code budget}: once it is
     * gone, evaluation stops in the rule it was in, and the result says which.
     */
    public Result evaluate(
            WafRequest request, Predicate<WafRule> enabled, Exclusions exclusions, InspectionBudget budget) {
        Evaluation evaluation = new Evaluation(request, exclusions, budget, chains.newRequest(budget), unions);
        List<RuleMatch> matches = new ArrayList<>();
        for (WafRule rule : rules) {
            if (!enabled.test(rule)) {
                continue;
            }
            RuleMatch match;
            try {
                match = evaluation.match(rule, rule);
            } catch (InspectionBudget.Exhausted exhausted) {
                return new Result(matches, rule);
            }
            if (match != null) {
                matches.add(match);
            }
        }
        return new Result(matches, null);
    }

    /**
     * @param matches the rules that fired (up to the point evaluation stopped)
     * @param exhaustedIn the rule during which the inspection budget ran out, or null
     */
    public record Result(List<RuleMatch> matches, WafRule exhaustedIn) {}

    /** Request parts excluded from a rule: the collection (e.g. ARGS, REQUEST_HEADERS) and the key. */
    @FunctionalInterface
    public interface Exclusions {

        Exclusions NONE = new Exclusions() {
            @Override
            public boolean excluded(WafRule rule, String collection, String key) {
                return false;
            }

            @Override
            public Object scope(WafRule rule) {
                return "";
            }
        };

        boolean excluded(WafRule rule, String collection, String key);

        /**
         * What {@link #excluded} depends on besides the collection and the key: rules of equal scope get the same
         * answers, so the engine selects a target list's items once per request for all of them (a hostile form
         * body has thousands of arguments, asked about by ~300 rules). The rule itself unless the implementation
         * says more.
         */
        default Object scope(WafRule rule) {
            return rule;
        }
    }

    private static final class Evaluation {

        private final WafRequest request;

        private final Exclusions exclusions;

        private final InspectionBudget budget;

        /** Transformed values for this request, per chain prefix: each (value, prefix) is decoded once per request. */
        private final TransformationChains.Values transformed;

        private final PatternUnions unions;

        private final PatternUnions.Answers answers;

        /**
         * Each collection's items, gathered once per request: ~300 rules read the same ARGS, and a hostile form body
         * has thousands of them.
         */
        private final Map<String, List<Item>> collections = new HashMap<>();

        /** Each target list's selected items, per exclusion scope ({@link Exclusions#scope}), once per request. */
        private final Map<Selection, List<Item>> selections = new HashMap<>();

        Evaluation(
                WafRequest request,
                Exclusions exclusions,
                InspectionBudget budget,
                TransformationChains.Values transformed,
                PatternUnions unions) {
            this.request = request;
            this.exclusions = exclusions;
            this.budget = budget;
            this.transformed = transformed;
            this.unions = unions;
            this.answers = unions.answers();
        }

        RuleMatch match(WafRule head, WafRule link) {
            for (Item item : items(head, link.variables())) {
                String hit = test(link, item.value());
                if (hit != null) {
                    if (link.next() != null && match(head, link.next()) == null) {
                        return null;
                    }
                    return new RuleMatch(head, item.name(), excerpt(hit));
                }
            }
            return null;
        }

        /** The value that matched (after transformation), or null. */
        private String test(WafRule rule, String raw) {
            budget.charge(CALL_COST);
            List<UnaryOperator<String>> transformations = rule.transformations();
            if (rule.multiMatch()) {
                String value = raw;
                if (unions.matches(rule, 0, value, budget, answers)) {
                    return value;
                }
                for (int i = 1; i <= transformations.size(); i++) {
                    String next = transformed.apply(transformations, i, raw);
                    if (!next.equals(value) && unions.matches(rule, i, next, budget, answers)) {
                        // ModSecurity's multiMatch runs the operator again only when a transformation changed the
                        // value.
                        return next;
                    }
                    value = next;
                }
                return null;
            }
            String value = transformed.apply(transformations, transformations.size(), raw);
            return unions.matches(rule, transformations.size(), value, budget, answers) ? value : null;
        }

        /**
         * The items a rule reads, each value once: a rule gives the same answer on the same value (a form body
         * without '=' is both an argument name and REQUEST_BODY, and a rule targeting both would read it twice). The
         * first item of each value is kept, in order, so a match names the same variable as before.
         */
        private List<Item> items(WafRule rule, List<Variable> variables) {
            return selections.computeIfAbsent(new Selection(variables, exclusions.scope(rule)), key -> {
                Set<String> values = new HashSet<>();
                List<Item> unique = new ArrayList<>();
                for (Item item : select(rule, variables)) {
                    if (values.add(item.value())) {
                        unique.add(item);
                    }
                }
                return unique;
            });
        }

        private List<Item> select(WafRule rule, List<Variable> variables) {
            List<Item> items = new ArrayList<>();
            for (Variable variable : variables) {
                if (variable.exclusion()) {
                    continue;
                }
                List<Item> collected = collections.computeIfAbsent(variable.collection(), collection -> {
                    List<Item> into = new ArrayList<>();
                    collect(collection, into);
                    return into;
                });
                List<Item> selected = new ArrayList<>();
                for (Item item : collected) {
                    if (variable.selects(item.key())
                            && !excludedByRule(variables, variable.collection(), item.key())
                            && !exclusions.excluded(rule, variable.collection(), item.key())) {
                        selected.add(item);
                    }
                }
                if (variable.count()) {
                    items.add(new Item(
                            "&" + variable.collection(), variable.collection(), Integer.toString(selected.size())));
                } else {
                    items.addAll(selected);
                }
            }
            return items;
        }

        private static boolean excludedByRule(List<Variable> variables, String collection, String key) {
            for (Variable variable : variables) {
                if (variable.exclusion() && variable.collection().equals(collection) && variable.selects(key)) {
                    return true;
                }
            }
            return false;
        }

        private void collect(String collection, List<Item> into) {
            switch (collection) {
                case "ARGS" -> {
                    args("ARGS", request.queryArgs(), false, into);
                    args("ARGS", request.bodyArgs(), false, into);
                }
                case "ARGS_NAMES" -> {
                    args("ARGS_NAMES", request.queryArgs(), true, into);
                    args("ARGS_NAMES", request.bodyArgs(), true, into);
                }
                case "ARGS_GET" -> args("ARGS_GET", request.queryArgs(), false, into);
                case "ARGS_GET_NAMES" -> args("ARGS_GET_NAMES", request.queryArgs(), true, into);
                case "ARGS_POST" -> args("ARGS_POST", request.bodyArgs(), false, into);
                case "ARGS_POST_NAMES" -> args("ARGS_POST_NAMES", request.bodyArgs(), true, into);
                case "REQUEST_HEADERS" -> args("REQUEST_HEADERS", request.headers(), false, into);
                case "REQUEST_HEADERS_NAMES" -> args("REQUEST_HEADERS_NAMES", request.headers(), true, into);
                case "REQUEST_COOKIES" -> args("REQUEST_COOKIES", request.cookies(), false, into);
                case "REQUEST_COOKIES_NAMES" -> args("REQUEST_COOKIES_NAMES", request.cookies(), true, into);
                case "REQUEST_URI", "REQUEST_URI_RAW" -> into.add(new Item(collection, "", request.uri()));
                case "REQUEST_FILENAME" -> into.add(new Item(collection, "", request.path()));
                case "REQUEST_BASENAME" ->
                    into.add(new Item(
                            collection,
                            "",
                            request.path().substring(request.path().lastIndexOf('/') + 1)));
                case "QUERY_STRING" -> into.add(new Item(collection, "", request.queryString()));
                case "REQUEST_METHOD" -> into.add(new Item(collection, "", request.method()));
                case "REQUEST_PROTOCOL" -> into.add(new Item(collection, "", request.protocol()));
                case "REQUEST_LINE" -> into.add(new Item(collection, "", request.requestLine()));
                case "REQUEST_BODY" -> {
                    if (!request.body().isEmpty()) {
                        into.add(new Item(collection, "", request.body()));
                    }
                }
                case "XML" -> {
                    if (request.xmlBody() && !request.body().isEmpty()) {
                        into.add(new Item("XML", "", request.body()));
                    }
                }
                case "FILES", "FILES_NAMES" ->
                    request.files().forEach(name -> into.add(new Item(collection, name, name)));
                default -> {
                    // A collection this engine does not fill (e.g. TX) has no values.
                }
            }
        }

        private static void args(
                String collection, List<Map.Entry<String, String>> entries, boolean names, List<Item> into) {
            for (Map.Entry<String, String> entry : entries) {
                into.add(new Item(
                        collection + ":" + entry.getKey(), entry.getKey(), names ? entry.getKey() : entry.getValue()));
            }
        }

        private static String excerpt(String value) {
            return value.length() <= EXCERPT ? value : value.substring(0, EXCERPT) + "…";
        }
    }

    private record Item(String name, String key, String value) {}

    /**
     * A target list (by instance: SecLangParser gives equal lists one instance, and hashing a list of variables per
     * rule and request cost more than it saved on small requests) and an exclusion scope.
     */
    private record Selection(List<Variable> variables, Object scope) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Selection selection
                    && selection.variables == variables
                    && Objects.equals(selection.scope, scope);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(variables) * 31 + Objects.hashCode(scope);
        }
    }
}
