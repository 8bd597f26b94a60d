package dev.powerpages.emulator.appnode.liquid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import liqp.TemplateContext;
import liqp.nodes.LNode;

/**
 * The arguments of a Power Pages tag as DotLiquid reads them: expressions first ({@code page 'adx_copy'},
 * {@code 'Web Template Name'}), then named ones, {@code key: value}, with or without commas between them (DotLiquid
 * scans markup for {@code key: value} pairs, so {@code {% include 'snippet' snippet_name: 'x' label: 'y' %}} works on
 * Power Pages). liqp hands a custom tag its markup as fine tokens without the spaces ({@code page}, {@code .},
 * {@code title}, {@code :} …); they are regrouped here and each value resolved with {@link ValuePaths} (literals,
 * {@code true}/{@code false}/{@code nil}, variable paths like {@code page.parent.title} or {@code snippets['Name']}).
 *
 * @param positional the expressions before the first named argument, resolved
 * @param named      the named arguments, resolved, by name without regard to case (DotLiquid's naming convention)
 * @param written    the named arguments as written (a tag that takes bare names, {@code name:abc_Sample.Map})
 */
public record TagArguments(List<Object> positional, Map<String, Object> named, Map<String, String> written) {

    /** Reads the tokens liqp passes a tag ({@code nodes}) in the render's context. */
    public static TagArguments of(TemplateContext context, LNode... nodes) {
        List<String> tokens = new ArrayList<>();
        for (LNode node : nodes) {
            tokens.add(String.valueOf(node.render(context)));
        }
        return of(context, tokens);
    }

    static TagArguments of(TemplateContext context, List<String> tokens) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Object> inOrder = new LinkedHashMap<>();
        Map<String, String> written = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        StringBuilder expression = new StringBuilder();
        String key = null;
        int depth = 0;
        String previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean startsNamed = depth == 0
                    && isIdentifier(token)
                    && i + 1 < tokens.size()
                    && ":".equals(tokens.get(i + 1))
                    && !".".equals(previous);
            boolean continues = depth > 0 || ".".equals(token) || "[".equals(token) || ".".equals(previous);
            if (",".equals(token) && depth == 0 || startsNamed || !continues && expression.length() > 0) {
                finish(context, key, expression, positional, inOrder, written);
                key = null;
                expression.setLength(0);
                previous = null;
                if (",".equals(token)) {
                    continue;
                }
            }
            if (startsNamed) {
                key = token;
                i++; // the ':'
                previous = ":";
                continue;
            }
            if ("[".equals(token)) {
                depth++;
            } else if ("]".equals(token) && depth > 0) {
                depth--;
            }
            expression.append(token);
            previous = token;
        }
        finish(context, key, expression, positional, inOrder, written);
        named.putAll(inOrder);
        return new TagArguments(positional, named, written);
    }

    /** The first expression, or {@code null}. */
    public Object first() {
        return positional.isEmpty() ? null : positional.get(0);
    }

    /** A named argument as text, or {@code null} when absent or nil. */
    public String text(String name) {
        Object value = named.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static void finish(
            TemplateContext context,
            String key,
            StringBuilder expression,
            List<Object> positional,
            Map<String, Object> named,
            Map<String, String> written) {
        if (key == null && expression.length() == 0) {
            return;
        }
        if (key != null && expression.length() == 0) {
            throw new IllegalArgumentException("the argument '" + key + "' has no value: write " + key + ": value");
        }
        Object value;
        try {
            value = ValuePaths.resolve(context, expression.toString());
        } catch (IllegalArgumentException notAnExpression) {
            if (key == null) {
                throw notAnExpression;
            }
            value = null; // a bare word a tag may read as written
        }
        if (key == null) {
            positional.add(value);
        } else {
            named.put(key, value);
            written.put(key, expression.toString());
        }
    }

    private static boolean isIdentifier(String token) {
        return token.matches("[A-Za-z_][\\w-]*");
    }
}
