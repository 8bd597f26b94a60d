package dev.powerpages.emulator.appnode.forms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.powerpages.emulator.appnode.render.ValuePaths;
import liqp.TemplateContext;
import liqp.nodes.LNode;

/**
 * The {@code key: value, other: value} parameters of Power Pages' Dataverse tags ({@code entityform name:'…'},
 * {@code entitylist id:page.adx_entitylist.id}, {@code entityview logical_name:'contact', name:'Active Contacts'}).
 * liqp hands a custom tag its markup as fine tokens; they are regrouped at the commas and each value resolved: a
 * quoted string, a number, {@code true}/{@code false}, or a variable path ({@code params.id}, {@code page.x.id},
 * {@code snippets['Name']}), as the renderer's own {@code include} resolves them ({@link ValuePaths}).
 */
public final class TagParameters {

    private TagParameters() {
    }

    public static Map<String, Object> parse(TemplateContext context, LNode... nodes) {
        List<String> tokens = new ArrayList<>();
        for (LNode node : nodes) {
            Object rendered = node.render(context);
            tokens.add(rendered == null ? "" : String.valueOf(rendered));
        }
        Map<String, Object> parameters = new HashMap<>();
        List<String> group = new ArrayList<>();
        tokens.add(",");
        for (String token : tokens) {
            if (!",".equals(token)) {
                group.add(token);
                continue;
            }
            if (group.size() >= 3 && ":".equals(group.get(1))) {
                parameters.put(group.get(0), resolve(context, String.join("", group.subList(2, group.size())).strip()));
            }
            group = new ArrayList<>();
        }
        return parameters;
    }

    /** A parameter as text ({@code null} when absent or empty). */
    public static String text(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private static Object resolve(TemplateContext context, String expression) {
        return ValuePaths.resolve(context, expression);
    }
}
