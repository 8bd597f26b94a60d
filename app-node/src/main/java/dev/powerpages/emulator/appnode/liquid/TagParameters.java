package dev.powerpages.emulator.appnode.liquid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liqp.TemplateContext;
import liqp.nodes.LNode;

/**
 * The {@code key: value, other: value} parameters of Power Pages' Dataverse tags ({@code entityform name:'…'},
 * {@code entitylist id:page.adx_entitylist.id}, {@code entityview logical_name:'contact', name:'Active Contacts'},
 * {@code searchindex query: request.params.q, page_size: 10}): the one parser of comma-separated parameters for the
 * feature packages. liqp hands a custom tag its markup as fine tokens and a custom block as one string; either is
 * split at the commas outside quotes and brackets and each value resolved: a quoted string, a number,
 * {@code true}/{@code false}, or a variable path ({@code params.id}, {@code page.x.id}, {@code snippets['Name']}), as
 * the renderer's own {@code include} resolves them ({@link ValuePaths}). The include-style tags, whose named
 * arguments follow positional ones without commas as DotLiquid scans them, read {@link TagArguments} instead.
 */
public final class TagParameters {

    private TagParameters() {}

    /** The parameters of a tag's tokens or a block's markup; a part that is not {@code key: value} is passed over. */
    public static Map<String, Object> parse(TemplateContext context, LNode... nodes) {
        // A tag's markup comes as fine tokens, a block's as one raw string: join them.
        StringBuilder markup = new StringBuilder();
        for (LNode node : nodes) {
            Object rendered = node.render(context);
            markup.append(rendered == null ? "" : String.valueOf(rendered));
        }
        Map<String, Object> parameters = new HashMap<>();
        for (String group : split(markup.toString(), ',')) {
            List<String> pair = split(group, ':');
            if (pair.size() >= 2 && !pair.get(0).isBlank()) {
                String value = group.substring(group.indexOf(':') + 1).strip();
                parameters.put(pair.get(0).strip(), value.isEmpty() ? null : ValuePaths.resolve(context, value));
            }
        }
        return parameters;
    }

    /**
     * The parameters of a block's markup, each written {@code key: value} with a name for a key.
     *
     * @throws IllegalArgumentException naming the {@code tag} and the part that is not {@code key: value}
     */
    public static Map<String, Object> parseStrictly(TemplateContext context, String tag, String markup) {
        Map<String, Object> parameters = new HashMap<>();
        for (String part : split(markup, ',')) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon <= 0 || !part.substring(0, colon).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        tag + " parameters are written key: value, found '" + part.strip() + "'");
            }
            parameters.put(
                    part.substring(0, colon).strip(),
                    ValuePaths.resolve(context, part.substring(colon + 1).strip()));
        }
        return parameters;
    }

    /** A parameter as text ({@code null} when absent or empty). */
    public static String text(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    /** Splits at a separator outside quotes and brackets. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }
}
