package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

    /** Each rule compiled for evaluation, in the order of {@link #rules}. */
    private final Link[] heads;

    /** The number of chain links of all rules (each link has a {@link Link#number}). */
    private final int links;

    public RuleEngine(List<WafRule> rules) {
        this.rules = List.copyOf(rules);
        this.chains = new TransformationChains(this.rules);
        this.unions = new PatternUnions(this.rules);
        // Equal target lists are one instance (SecLangParser): numbered here, by instance, so a request's selections
        // are kept in an array rather than hashed per rule and request.
        Map<List<Variable>, Targets> targets = new IdentityHashMap<>();
        this.heads = new Link[this.rules.size()];
        int number = 0;
        for (int r = 0; r < heads.length; r++) {
            List<WafRule> chain = new ArrayList<>();
            for (WafRule link = this.rules.get(r); link != null; link = link.next()) {
                chain.add(link);
            }
            Link next = null;
            for (int i = chain.size() - 1; i >= 0; i--) {
                WafRule link = chain.get(i);
                next = new Link(
                        link,
                        number + i,
                        targets.computeIfAbsent(link.variables(), Targets::new),
                        chains.steps(link.transformations()),
                        unions.members(link),
                        next);
            }
            heads[r] = next;
            number += chain.size();
        }
        this.links = number;
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
        return evaluate(request, plan(enabled, exclusions), exclusions, budget);
    }

    /**
     * Which rules take part and which of them share their selections ({@link Exclusions#scope}), asked once: a caller
     * that evaluates many requests with the same rules enabled and the same exclusions keeps the plan and passes it to
     * {@link #evaluate(WafRequest, Plan, Exclusions, InspectionBudget)}, which then asks nothing per rule and request.
     */
    public Plan plan(Predicate<WafRule> enabled, Exclusions exclusions) {
        boolean[] on = new boolean[heads.length];
        int[] slots = new int[links];
        boolean[] excludes = new boolean[links];
        record Key(Targets targets, Object scope, boolean nothing) {}
        Map<Key, Integer> numbers = new HashMap<>();
        for (int r = 0; r < heads.length; r++) {
            Link head = heads[r];
            on[r] = enabled.test(head.rule);
            Object scope = exclusions.scope(head.rule);
            boolean nothing = exclusions.excludesNothing(head.rule);
            for (Link link = head; link != null; link = link.next) {
                slots[link.number] =
                        numbers.computeIfAbsent(new Key(link.targets, scope, nothing), key -> numbers.size());
                excludes[link.number] = !nothing;
            }
        }
        return new Plan(this, on, slots, excludes, numbers.size());
    }

    /**
     * As {@link #evaluate(WafRequest, Predicate, Exclusions, InspectionBudget)}, with the rules enabled and the scopes
     * of {@code plan} (made by this engine's {@link #plan}, with exclusions of the same scopes as {@code exclusions}).
     */
    public Result evaluate(WafRequest request, Plan plan, Exclusions exclusions, InspectionBudget budget) {
        if (plan.engine != this) {
            throw new IllegalArgumentException("a plan of another engine");
        }
        Evaluation evaluation = new Evaluation(request, exclusions, plan, budget, chains.newRequest(budget), unions);
        List<RuleMatch> matches = new ArrayList<>();
        for (int r = 0; r < heads.length; r++) {
            if (!plan.enabled[r]) {
                continue;
            }
            Link head = heads[r];
            RuleMatch match;
            try {
                match = evaluation.match(head, head);
            } catch (InspectionBudget.Exhausted exhausted) {
                return new Result(matches, head.rule);
            }
            if (match != null) {
                matches.add(match);
            }
        }
        return new Result(matches, null);
    }

    /** See {@link #plan}. Immutable, shared by concurrent requests. */
    public static final class Plan {

        private final RuleEngine engine;

        /** Per rule (head). */
        private final boolean[] enabled;

        /** Per chain link: the number of its selection (equal for equal target lists of equal scope). */
        private final int[] slots;

        /** Per chain link: whether the exclusions may exclude anything from it. */
        private final boolean[] excludes;

        private final int selections;

        private Plan(RuleEngine engine, boolean[] enabled, int[] slots, boolean[] excludes, int selections) {
            this.engine = engine;
            this.enabled = enabled;
            this.slots = slots;
            this.excludes = excludes;
            this.selections = selections;
        }

        /** The number of distinct selections (target list and scope) a request may make (for tests). */
        public int selections() {
            return selections;
        }
    }

    /** A rule or chain link, with what the engine looks up for it resolved when the rules load. */
    private static final class Link {

        final WafRule rule;

        /** Unique per link of the engine: indexes a plan's arrays. */
        final int number;

        final Targets targets;

        final TransformationChains.Step[] steps;

        final PatternUnions.Member[] members;

        final Link next;

        Link(
                WafRule rule,
                int number,
                Targets targets,
                TransformationChains.Step[] steps,
                PatternUnions.Member[] members,
                Link next) {
            this.rule = rule;
            this.number = number;
            this.targets = targets;
            this.steps = steps;
            this.members = members;
            this.next = next;
        }
    }

    /** A target list with each variable's collection and the list's own exclusions of it resolved. */
    private static final class Targets {

        private static final Variable[] NONE = new Variable[0];

        final List<Variable> variables;

        final Collection[] collections;

        /**
         * Per variable: the list's exclusions ({@code !ARGS:x}) of the same collection, most often none, so an item is
         * not compared with every variable of the list.
         */
        final Variable[][] exclusions;

        Targets(List<Variable> variables) {
            this.variables = variables;
            this.collections = new Collection[variables.size()];
            this.exclusions = new Variable[variables.size()][];
            for (int i = 0; i < collections.length; i++) {
                Variable variable = variables.get(i);
                collections[i] = Collection.of(variable.collection());
                exclusions[i] = variables.stream()
                        .filter(other -> other.exclusion() && other.collection().equals(variable.collection()))
                        .toList()
                        .toArray(NONE);
            }
        }
    }

    /**
     * The collections this engine fills, by ModSecurity's names ({@link #name()} is the name a match reports). A
     * request's items are gathered into an array by ordinal, once per request.
     */
    private enum Collection {
        ARGS,
        ARGS_NAMES,
        ARGS_GET,
        ARGS_GET_NAMES,
        ARGS_POST,
        ARGS_POST_NAMES,
        REQUEST_HEADERS,
        REQUEST_HEADERS_NAMES,
        REQUEST_COOKIES,
        REQUEST_COOKIES_NAMES,
        REQUEST_URI,
        REQUEST_URI_RAW,
        REQUEST_FILENAME,
        REQUEST_BASENAME,
        QUERY_STRING,
        REQUEST_METHOD,
        REQUEST_PROTOCOL,
        REQUEST_LINE,
        REQUEST_BODY,
        XML,
        FILES,
        FILES_NAMES,
        /** A collection this engine does not fill (e.g. TX): no values. */
        OTHER;

        private static final Map<String, Collection> BY_NAME = new HashMap<>();

        static {
            for (Collection collection : values()) {
                if (collection != OTHER) {
                    BY_NAME.put(collection.name(), collection);
                }
            }
        }

        static Collection of(String name) {
            return BY_NAME.getOrDefault(name, OTHER);
        }
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

            @Override
            public boolean excludesNothing(WafRule rule) {
                return true;
            }
        };

        boolean excluded(WafRule rule, String collection, String key);

        /**
         * What {@link #excluded} depends on besides the collection and the key: rules of equal scope get the same
         * answers, so the engine selects a target list's items once per request for all of them (a hostile form
         * body has thousands of arguments, asked about by ~300 rules). The rule itself unless the implementation
         * says more. Asked once per rule by {@link #plan}, not per request.
         */
        default Object scope(WafRule rule) {
            return rule;
        }

        /**
         * True where {@link #excluded} answers false for every collection and key of {@code rule} (no exclusion
         * applies to it): the engine then does not ask. Asked once per rule by {@link #plan}.
         */
        default boolean excludesNothing(WafRule rule) {
            return false;
        }
    }

    private static final class Evaluation {

        private final WafRequest request;

        private final Exclusions exclusions;

        private final Plan plan;

        private final InspectionBudget budget;

        /** Transformed values for this request, per chain prefix: each (value, prefix) is decoded once per request. */
        private final TransformationChains.Values transformed;

        private final PatternUnions unions;

        private final PatternUnions.Answers answers;

        /**
         * Each collection's items by {@link Collection#ordinal}, gathered once per request: ~300 rules read the same
         * ARGS, and a hostile form body has thousands of them.
         */
        private final List<Item>[] collections;

        /** Each selection's items (by the plan's number for a target list and exclusion scope), once per request. */
        private final List<Item>[] selections;

        /** By value number: the {@link #stamp} of the last selection {@link #unique} kept the value in. */
        private int[] marks = new int[16];

        private int stamp;

        @SuppressWarnings("unchecked")
        Evaluation(
                WafRequest request,
                Exclusions exclusions,
                Plan plan,
                InspectionBudget budget,
                TransformationChains.Values transformed,
                PatternUnions unions) {
            this.request = request;
            this.exclusions = exclusions;
            this.plan = plan;
            this.budget = budget;
            this.transformed = transformed;
            this.unions = unions;
            this.answers = unions.answers();
            this.collections = new List[Collection.values().length];
            this.selections = new List[plan.selections];
        }

        RuleMatch match(Link head, Link link) {
            for (Item item : items(head, link)) {
                String hit = test(link, item);
                if (hit != null) {
                    if (link.next != null && match(head, link.next) == null) {
                        return null;
                    }
                    return new RuleMatch(head.rule, item.name(), excerpt(hit));
                }
            }
            return null;
        }

        /** The value that matched (after transformation), or null. */
        private String test(Link link, Item item) {
            String raw = item.value;
            int id = item.id;
            budget.charge(CALL_COST);
            WafRule rule = link.rule;
            List<UnaryOperator<String>> transformations = rule.transformations();
            if (rule.multiMatch()) {
                String value = raw;
                if (unions.matches(rule, link.members, 0, value, id, budget, answers)) {
                    return value;
                }
                for (int i = 1; i <= transformations.size(); i++) {
                    String next = transformed.apply(link.steps, transformations, i, raw, id);
                    if (!next.equals(value) && unions.matches(rule, link.members, i, next, id, budget, answers)) {
                        // ModSecurity's multiMatch runs the operator again only when a transformation changed the
                        // value.
                        return next;
                    }
                    value = next;
                }
                return null;
            }
            String value = transformed.apply(link.steps, transformations, transformations.size(), raw, id);
            return unions.matches(rule, link.members, transformations.size(), value, id, budget, answers)
                    ? value
                    : null;
        }

        /**
         * The items a rule reads, each value once: a rule gives the same answer on the same value (a form body
         * without '=' is both an argument name and REQUEST_BODY, and a rule targeting both would read it twice). The
         * first item of each value is kept, in order, so a match names the same variable as before.
         */
        private List<Item> items(Link head, Link link) {
            int slot = plan.slots[link.number];
            List<Item> items = selections[slot];
            if (items == null) {
                items = unique(select(head.rule, link.targets, plan.excludes[link.number]));
                selections[slot] = items;
            }
            return items;
        }

        /**
         * {@code items} without repeated values, the first of each kept: by the values' numbers (equal values have one),
         * a mark per number stamped for this selection, with no hashing or comparing of the values themselves.
         */
        private List<Item> unique(List<Item> items) {
            if (items.size() < 2) {
                return items;
            }
            stamp++;
            List<Item> unique = new ArrayList<>(items.size());
            for (Item item : items) {
                if (item.id >= marks.length) {
                    marks = Arrays.copyOf(marks, Math.max(marks.length * 2, item.id + 1));
                }
                if (marks[item.id] != stamp) {
                    marks[item.id] = stamp;
                    unique.add(item);
                }
            }
            return unique;
        }

        private List<Item> select(WafRule rule, Targets targets, boolean excludes) {
            List<Variable> variables = targets.variables;
            List<Item> items = new ArrayList<>();
            for (int v = 0; v < variables.size(); v++) {
                Variable variable = variables.get(v);
                if (variable.exclusion()) {
                    continue;
                }
                Collection collection = targets.collections[v];
                List<Item> collected = collections[collection.ordinal()];
                if (collected == null) {
                    collected = new ArrayList<>();
                    collect(collection, collected);
                    collections[collection.ordinal()] = collected;
                }
                Variable[] excludedByRule = targets.exclusions[v];
                int count = 0;
                for (Item item : collected) {
                    if (variable.selects(item.key())
                            && !excludedByRule(excludedByRule, item.key())
                            && !(excludes && exclusions.excluded(rule, variable.collection(), item.key()))) {
                        count++;
                        if (!variable.count()) {
                            items.add(item);
                        }
                    }
                }
                if (variable.count()) {
                    items.add(item("&" + variable.collection(), variable.collection(), Integer.toString(count)));
                }
            }
            return items;
        }

        /** @param exclusions the rule's exclusions of the item's collection */
        private static boolean excludedByRule(Variable[] exclusions, String key) {
            for (Variable exclusion : exclusions) {
                if (exclusion.selects(key)) {
                    return true;
                }
            }
            return false;
        }

        private void collect(Collection collection, List<Item> into) {
            String name = collection.name();
            switch (collection) {
                case ARGS -> {
                    args(name, request.queryArgs(), false, into);
                    args(name, request.bodyArgs(), false, into);
                }
                case ARGS_NAMES -> {
                    args(name, request.queryArgs(), true, into);
                    args(name, request.bodyArgs(), true, into);
                }
                case ARGS_GET, REQUEST_HEADERS, REQUEST_COOKIES -> args(name, entries(collection), false, into);
                case ARGS_GET_NAMES, REQUEST_HEADERS_NAMES, REQUEST_COOKIES_NAMES ->
                    args(name, entries(collection), true, into);
                case ARGS_POST -> args(name, request.bodyArgs(), false, into);
                case ARGS_POST_NAMES -> args(name, request.bodyArgs(), true, into);
                case REQUEST_URI, REQUEST_URI_RAW -> into.add(item(name, "", request.uri()));
                case REQUEST_FILENAME -> into.add(item(name, "", request.path()));
                case REQUEST_BASENAME ->
                    into.add(item(
                            name, "", request.path().substring(request.path().lastIndexOf('/') + 1)));
                case QUERY_STRING -> into.add(item(name, "", request.queryString()));
                case REQUEST_METHOD -> into.add(item(name, "", request.method()));
                case REQUEST_PROTOCOL -> into.add(item(name, "", request.protocol()));
                case REQUEST_LINE -> into.add(item(name, "", request.requestLine()));
                case REQUEST_BODY -> {
                    if (!request.body().isEmpty()) {
                        into.add(item(name, "", request.body()));
                    }
                }
                case XML -> {
                    if (request.xmlBody() && !request.body().isEmpty()) {
                        into.add(item(name, "", request.body()));
                    }
                }
                case FILES, FILES_NAMES -> request.files().forEach(file -> into.add(item(name, file, file)));
                case OTHER -> {
                    // A collection this engine does not fill (e.g. TX) has no values.
                }
            }
        }

        private List<Map.Entry<String, String>> entries(Collection collection) {
            return switch (collection) {
                case ARGS_GET, ARGS_GET_NAMES -> request.queryArgs();
                case REQUEST_HEADERS, REQUEST_HEADERS_NAMES -> request.headers();
                default -> request.cookies();
            };
        }

        private void args(String collection, List<Map.Entry<String, String>> entries, boolean names, List<Item> into) {
            for (Map.Entry<String, String> entry : entries) {
                String value = names ? entry.getKey() : entry.getValue();
                into.add(new KeyedItem(collection, entry.getKey(), value, transformed.id(value)));
            }
        }

        /** An item of a collection of one value (or a count), numbered as the request's values are. */
        private Item item(String collection, String key, String value) {
            return new Item(collection, key, value, transformed.id(value));
        }

        private static String excerpt(String value) {
            return value.length() <= EXCERPT ? value : value.substring(0, EXCERPT) + "…";
        }
    }

    /**
     * One value a rule may read: its collection, its key ("" for a collection of one value) and the value. The name a
     * match reports ({@code ARGS:q}, {@code REQUEST_URI}) is made only for a match: building it for every item of every
     * request was one string per argument and collection.
     */
    private static class Item {

        final String collection;

        final String key;

        final String value;

        /** The request's number for the value ({@link TransformationChains.Values#id}). */
        final int id;

        Item(String collection, String key, String value, int id) {
            this.collection = collection;
            this.key = key;
            this.value = value;
            this.id = id;
        }

        String key() {
            return key;
        }

        String value() {
            return value;
        }

        /** The variable's name as a match reports it (MATCHED_VAR_NAME). */
        String name() {
            return collection;
        }
    }

    /** An item of a collection of named values (arguments, headers, cookies): named {@code COLLECTION:key}. */
    private static final class KeyedItem extends Item {

        KeyedItem(String collection, String key, String value, int id) {
            super(collection, key, value, id);
        }

        @Override
        String name() {
            return collection + ":" + key;
        }
    }
}
