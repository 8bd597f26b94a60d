package dev.powerpages.emulator.appnode.fetchxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The part of a FetchXML filter the store can apply ({@code $filter}), so that fewer rows travel: the engine evaluates
 * the whole filter on the rows anyway ({@link FetchXmlConditions}), so what is pushed down only has to be implied by
 * the filter (an {@code and} keeps the parts that translate, an {@code or} only translates whole).
 *
 * <p>FetchXML values carry no type and the store's Web API wants typed literals, so only what is unambiguous is
 * pushed: GUIDs (a lookup as {@code _<column>_value}), text operators with quoted text, equality with text that is
 * neither a number, a date nor a boolean, and {@code null}/{@code not-null} where the column's kind is known.
 */
final class ODataPushdown {

    private static final Pattern GUID =
            Pattern.compile("\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?");
    private static final Pattern TYPED =
            Pattern.compile("-?\\d+(\\.\\d+)?|true|false|\\d{4}-\\d{2}-\\d{2}.*", Pattern.CASE_INSENSITIVE);

    private ODataPushdown() {}

    /**
     * @param primaryKey    the table's primary key column
     * @param isLookup      whether a column of the table is a lookup; {@code null} answers: unknown
     * @return the {@code $filter} expression implied by the filter, or {@code null} when nothing translates
     */
    static String filter(
            FetchXml.Filter filter,
            String table,
            String primaryKey,
            BiPredicate<String, String> isLookup,
            boolean columnKindsKnown) {
        if (filter == null) {
            return null;
        }
        if (filter instanceof FetchXml.Condition condition) {
            return condition(condition, table, primaryKey, isLookup, columnKindsKnown);
        }
        FetchXml.Group group = (FetchXml.Group) filter;
        List<String> parts = new ArrayList<>();
        for (FetchXml.Filter item : group.items()) {
            String part = filter(item, table, primaryKey, isLookup, columnKindsKnown);
            if (part == null && group.or()) {
                return null;
            }
            if (part != null) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(group.or() ? " or " : " and ", parts) + ")";
    }

    private static String condition(
            FetchXml.Condition condition,
            String table,
            String primaryKeyColumn,
            BiPredicate<String, String> isLookup,
            boolean columnKindsKnown) {
        if (condition.entityName() != null || condition.valueOf() != null) {
            return null;
        }
        String attribute = condition.attribute();
        boolean primaryKey = attribute.equals(primaryKeyColumn);
        boolean lookup = !primaryKey && isLookup.test(table, attribute);
        String column = lookup ? "_" + attribute + "_value" : attribute;
        List<String> values = condition.values();
        String value = values.isEmpty() ? null : values.get(0);
        return switch (condition.operator()) {
            case "eq", "ne", "neq" -> {
                String op = condition.operator().equals("eq") ? " eq " : " ne ";
                if (GUID.matcher(value).matches() && (primaryKey || lookup)) {
                    yield column + op + guid(value);
                }
                yield !lookup
                                && !primaryKey
                                && !TYPED.matcher(value.strip()).matches()
                                && !GUID.matcher(value).matches()
                        ? column + op + quoted(value)
                        : null;
            }
            case "in" ->
                (primaryKey || lookup)
                                && values.stream()
                                        .allMatch(item -> GUID.matcher(item).matches())
                        ? "("
                                + String.join(
                                        " or ",
                                        values.stream()
                                                .map(item -> column + " eq " + guid(item))
                                                .toList())
                                + ")"
                        : null;
            case "like", "not-like" -> {
                String translated = lookup || primaryKey ? null : like(attribute, value);
                yield translated == null
                        ? null
                        : condition.operator().equals("like") ? translated : "not " + translated;
            }
            case "begins-with" -> lookup || primaryKey ? null : "startswith(" + attribute + "," + quoted(value) + ")";
            case "ends-with" -> lookup || primaryKey ? null : "endswith(" + attribute + "," + quoted(value) + ")";
            case "null" -> columnKindsKnown ? column + " eq null" : null;
            case "not-null" -> columnKindsKnown ? column + " ne null" : null;
            default -> null;
        };
    }

    /** {@code like} with {@code %} at the start and/or end only; other wildcards stay for the engine. */
    private static String like(String attribute, String pattern) {
        boolean leading = pattern.startsWith("%");
        boolean trailing = pattern.length() > 1 && pattern.endsWith("%");
        String core = pattern.substring(leading ? 1 : 0, pattern.length() - (trailing ? 1 : 0));
        if (core.isEmpty() || core.contains("%") || core.contains("_") || core.contains("[")) {
            return null;
        }
        if (leading && trailing) {
            return "contains(" + attribute + "," + quoted(core) + ")";
        }
        if (trailing) {
            return "startswith(" + attribute + "," + quoted(core) + ")";
        }
        if (leading) {
            return "endswith(" + attribute + "," + quoted(core) + ")";
        }
        return TYPED.matcher(core).matches() ? null : attribute + " eq " + quoted(core);
    }

    static String guid(String value) {
        return value.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
    }

    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
