package dev.powerpages.emulator.appnode.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.powerpages.emulator.appnode.limits.LiquidNesting;
import dev.powerpages.emulator.appnode.site.WebTemplate;
import liqp.Template;
import liqp.TemplateContext;
import liqp.exceptions.LiquidException;
import liqp.nodes.LNode;
import liqp.tags.Tag;

/**
 * Power Pages' {@code {% include 'Web Template Name' key:value, other:1 %}} (written {@code pp_include} after
 * {@link PowerPagesLiquidSyntax} has rewritten it): renders the named web template of the current snapshot with
 * the parameters as variables visible inside the included template only. liqp hands a custom tag its parameters
 * as raw tokens; the values are resolved here (string and number literals, {@code true}/{@code false}/{@code nil},
 * variable paths like {@code page.parent.title} or {@code snippets['Name']}).
 */
class WebTemplateInclude extends Tag {

    static final String NAME = "pp_include";
    /** Context variable holding the snapshot's templates, set by {@link LiquidRenderer}. */
    static final String TEMPLATES = "__pp_web_templates";
    private static final int MAX_DEPTH = 20;
    private static final String DEPTH = "__pp_include_depth";

    private final int maxNesting;

    /** @param maxNesting the node's {@code liquid.max-nesting}, checked on each included template before it is parsed */
    WebTemplateInclude(int maxNesting) {
        super(NAME);
        this.maxNesting = maxNesting;
    }

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        List<String> tokens = new ArrayList<>();
        for (LNode node : nodes) {
            tokens.add(String.valueOf(node.render(context)));
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("include needs the name of a web template");
        }
        String name = String.valueOf(ValuePaths.resolve(context, tokens.get(0)));
        Map<String, Object> parameters = parameters(context, tokens.subList(1, tokens.size()));
        @SuppressWarnings("unchecked")
        Map<String, WebTemplate> templates = (Map<String, WebTemplate>) context.get(TEMPLATES);
        WebTemplate included = templates == null ? null : templates.get(name);
        if (included == null) {
            throw new IllegalArgumentException("include names no web template called '" + name + "'");
        }
        Object depth = context.get(DEPTH);
        int level = depth instanceof Number number ? number.intValue() : 0;
        if (level >= MAX_DEPTH) {
            throw new TemplateRenderException(included.name(), "includes nested more than " + MAX_DEPTH + " deep (does it include itself?)", 0, null);
        }
        parameters.put(DEPTH, level + 1);
        String source = PowerPagesLiquidSyntax.rewrite(included.source());
        String nesting = LiquidNesting.problem(source, maxNesting);
        if (nesting != null) {
            throw new TemplateRenderException(included.name(), nesting, 0, null);
        }
        try {
            Template template = context.getParser().parse(source);
            return template.renderToObjectUnguarded(parameters, context, true);
        }
        catch (TemplateRenderException ex) {
            throw ex;
        }
        catch (LiquidException ex) {
            throw new TemplateRenderException(included.name(), ex.getMessage(), ex.line, ex);
        }
        catch (RuntimeException ex) {
            throw new TemplateRenderException(included.name(), ex.getMessage(), LiquidErrors.line(ex), ex);
        }
    }

    /**
     * liqp splits a custom tag's markup into fine tokens ({@code key}, {@code :}, {@code page}, {@code .},
     * {@code title}, {@code ,} …): regroup them at the commas into {@code key : expression}.
     */
    private static Map<String, Object> parameters(TemplateContext context, List<String> tokens) {
        Map<String, Object> parameters = new HashMap<>();
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String token : tokens) {
            if (",".equals(token)) {
                groups.add(current);
                current = new ArrayList<>();
            }
            else {
                current.add(token);
            }
        }
        groups.add(current);
        for (List<String> group : groups) {
            if (group.isEmpty() && groups.size() == 1) {
                break;
            }
            if (group.size() < 3 || !":".equals(group.get(1))) {
                throw new IllegalArgumentException("include parameters are written key:value, found '" + String.join("", group) + "'");
            }
            parameters.put(group.get(0), ValuePaths.resolve(context, String.join("", group.subList(2, group.size()))));
        }
        return parameters;
    }
}
