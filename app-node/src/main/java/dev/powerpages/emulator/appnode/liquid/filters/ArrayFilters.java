package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.LiquidValues.items;
import static dev.powerpages.emulator.appnode.liquid.LiquidValues.member;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.param;

import dev.powerpages.emulator.appnode.limits.BoundedFilter;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import java.math.BigDecimal;
import java.text.Collator;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import liqp.TemplateContext;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/**
 * Power Pages' array filters ("Available Liquid filters", Array filters): {@code batch}, {@code concat},
 * {@code except}, {@code group_by}, {@code order_by}, {@code then_by}, {@code random}, {@code select},
 * {@code shuffle}, {@code skip}, {@code take}, {@code where}. {@code first}, {@code last}, {@code size} and
 * {@code join} are liqp's, which behave as Power Pages documents them. Members are read as xRM Portals' array
 * filters read them ({@code EnumerableFilters}): a map entry or a drop's value, {@code a.b} walking into members.
 * Ordering compares as .NET's default comparer does: nil first, numbers by value, text in culture order (en-US,
 * lower case before upper case of the same letter).
 */
@Component
public class ArrayFilters implements LiquidExtension {

    private final int maxSize;

    public ArrayFilters(LiquidLimits limits) {
        this.maxSize = limits.maxRenderedChars();
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(of(
                        "batch",
                        (value, context, params) -> batch(items(value, context), whole(param(params, 0), "batch"))))
                // Concatenating in a loop doubles the list each time: bounded like the string filters.
                .withFilter(new BoundedFilter(of("concat", ArrayFilters::concat), maxSize))
                .withFilter(of("except", (value, context, params) -> matching(value, context, params, false)))
                .withFilter(of("where", (value, context, params) -> matching(value, context, params, true)))
                .withFilter(of("group_by", ArrayFilters::groupBy))
                .withFilter(
                        of("order_by", (value, context, params) -> order(items(value, context), null, context, params)))
                .withFilter(of(
                        "then_by",
                        (value, context, params) -> order(
                                items(value, context),
                                value instanceof OrderedItems ordered ? ordered : null,
                                context,
                                params)))
                .withFilter(of("random", (value, context, params) -> {
                    List<Object> items = items(value, context);
                    return items.isEmpty()
                            ? null
                            : items.get(ThreadLocalRandom.current().nextInt(items.size()));
                }))
                .withFilter(of("select", (value, context, params) -> {
                    String key = key(param(params, 0));
                    return items(value, context).stream()
                            .map(item -> member(item, key, context))
                            .toList();
                }))
                .withFilter(of("shuffle", (value, context, params) -> {
                    List<Object> items = items(value, context);
                    Collections.shuffle(items, ThreadLocalRandom.current());
                    return items;
                }))
                .withFilter(of("skip", (value, context, params) -> {
                    List<Object> items = items(value, context);
                    int count = Math.max(0, whole(param(params, 0), "skip"));
                    return new ArrayList<>(items.subList(Math.min(count, items.size()), items.size()));
                }))
                .withFilter(of("take", (value, context, params) -> {
                    List<Object> items = items(value, context);
                    int count = Math.max(0, whole(param(params, 0), "take"));
                    return new ArrayList<>(items.subList(0, Math.min(count, items.size())));
                }));
    }

    private static List<List<Object>> batch(List<Object> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch needs a batch size of 1 or more");
        }
        List<List<Object>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(new ArrayList<>(items.subList(i, Math.min(items.size(), i + size))));
        }
        return batches;
    }

    /** A list and another one, or a list with one more item at its end ("given a single item as a parameter"). */
    private static Object concat(Object value, TemplateContext context, Object[] params) {
        List<Object> result = items(value, context);
        Object other = param(params, 0);
        if (LiquidValues.isList(LiquidValues.plain(other, context))) {
            result.addAll(items(other, context));
        } else {
            result.add(other);
        }
        return result;
    }

    /** {@code where} (keep) and {@code except} (drop) the items whose member has the given value. */
    private static List<Object> matching(Object value, TemplateContext context, Object[] params, boolean keep) {
        String key = key(param(params, 0));
        Object wanted = param(params, 1);
        return items(value, context).stream()
                .filter(item -> LiquidValues.same(member(item, key, context), wanted) == keep)
                .toList();
    }

    /** Groups in the order their keys first appear (LINQ's GroupBy), each {@code {key, items}}. */
    private static List<Map<String, Object>> groupBy(Object value, TemplateContext context, Object[] params) {
        String key = key(param(params, 0));
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        for (Object item : items(value, context)) {
            Object groupKey = member(item, key, context);
            groups.computeIfAbsent(
                            groupKey instanceof Number
                                    ? LiquidValues.number(groupKey).stripTrailingZeros()
                                    : groupKey,
                            k -> new ArrayList<>())
                    .add(item);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        groups.forEach((groupKey, members) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("key", groupKey);
            group.put("items", members);
            result.add(group);
        });
        return result;
    }

    /**
     * {@code order_by} (no earlier order) and {@code then_by} (after an order_by: its order, then this key). Stable,
     * as LINQ's ordering is.
     */
    private static OrderedItems order(
            List<Object> items, OrderedItems earlier, TemplateContext context, Object[] params) {
        String key = key(param(params, 0));
        Object direction = param(params, 1);
        boolean descending = direction != null
                && ("desc".equalsIgnoreCase(direction.toString().strip())
                        || "descending".equalsIgnoreCase(direction.toString().strip()));
        Comparator<Object> byKey = Comparator.comparing(item -> member(item, key, context), new DotNetComparer());
        if (descending) {
            byKey = byKey.reversed();
        }
        Comparator<Object> order = earlier == null ? byKey : earlier.order.thenComparing(byKey);
        List<Object> source = earlier == null ? items : earlier.source;
        List<Object> sorted = new ArrayList<>(source);
        sorted.sort(order);
        return new OrderedItems(sorted, source, order);
    }

    private static String key(Object key) {
        return key == null ? null : key.toString();
    }

    private static int whole(Object value, String filter) {
        BigDecimal number = LiquidValues.number(value);
        if (number == null) {
            throw new IllegalArgumentException(filter + " needs a number, not '" + value + "'");
        }
        return number.intValue();
    }

    /** A list in the order {@code order_by}/{@code then_by} gave it, remembering that order for a further {@code then_by}. */
    static final class OrderedItems extends ArrayList<Object> {

        private final transient List<Object> source;
        private final transient Comparator<Object> order;

        OrderedItems(List<Object> sorted, List<Object> source, Comparator<Object> order) {
            super(sorted);
            this.source = source;
            this.order = order;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** .NET's {@code Comparer<object>.Default} as far as template values go. */
    static final class DotNetComparer implements Comparator<Object> {

        private final Collator collator = Collator.getInstance(Locale.US);

        @Override
        public int compare(Object a, Object b) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            if (a instanceof Number && b instanceof Number) {
                return LiquidValues.number(a).compareTo(LiquidValues.number(b));
            }
            if (a instanceof Boolean x && b instanceof Boolean y) {
                return x.compareTo(y);
            }
            if (a instanceof TemporalAccessor
                    && b instanceof TemporalAccessor
                    && a instanceof Comparable<?>
                    && a.getClass() == b.getClass()) {
                @SuppressWarnings("unchecked")
                Comparable<Object> comparable = (Comparable<Object>) a;
                return comparable.compareTo(b);
            }
            return collator.compare(a.toString(), b.toString());
        }
    }
}
