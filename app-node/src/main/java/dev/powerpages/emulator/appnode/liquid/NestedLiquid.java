package dev.powerpages.emulator.appnode.liquid;

import java.util.HashMap;
import java.util.Map;
import liqp.TemplateContext;
import liqp.TemplateParser;

/**
 * Liquid rendered from inside a render: an included web template, a snippet or page copy that {@code editable}
 * renders as Liquid, the {@code liquid} filter's input. It sees the variables of the render it runs in (Power Pages:
 * "This code will have access to the current Liquid execution context"), plus its own; it is rewritten like a web
 * template ({@link PowerPagesLiquidSyntax}) and checked against the node's nesting limit before liqp parses it, and
 * nested renders stop at {@link #MAX_DEPTH} (a snippet that renders itself would otherwise recurse until the stack
 * overflows). The rewrite, the checks and the parse happen once per source, kept in the render's
 * {@link ParsedLiquidCache}; a failed one is not kept, so it fails the same way every time.
 */
public final class NestedLiquid {

    /** Includes and nested Liquid inside each other, all kinds together. */
    public static final int MAX_DEPTH = 20;

    private static final String DEPTH = "__pp_include_depth";

    private NestedLiquid() {}

    /**
     * @param context   the render it runs in
     * @param source    the Liquid to render
     * @param variables variables visible to it only (an include's parameters)
     * @param what      what it is, for errors ({@code Web template 'Card'}, {@code snippet 'Footer'})
     * @param maxNesting the node's {@code liquid.max-nesting}
     */
    public static Object render(
            TemplateContext context, String source, Map<String, Object> variables, String what, int maxNesting) {
        Object depth = context.get(DEPTH);
        int level = depth instanceof Number number ? number.intValue() : 0;
        if (level >= MAX_DEPTH) {
            throw new TemplateRenderException(
                    what,
                    "includes and nested Liquid are more than " + MAX_DEPTH + " deep (does it include itself?)",
                    0,
                    null);
        }
        Map<String, Object> scope = new HashMap<>(variables);
        scope.put(DEPTH, level + 1);
        TemplateParser parser = context.getParser();
        String text = source == null ? "" : source;
        ParsedLiquidCache cache = ParsedLiquidCache.of(context);
        ParsedLiquid template = cache == null
                ? parse(parser, text, what, maxNesting)
                : cache.get(
                        new ParsedLiquidCache.Key(parser, maxNesting, text),
                        () -> parse(parser, text, what, maxNesting));
        try {
            return template.renderUnguarded(scope, context);
        } catch (TemplateRenderException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new TemplateRenderException(what, ex.getMessage(), LiquidErrors.line(ex), ex);
        } catch (StackOverflowError ex) {
            throw TemplateRenderException.nestedTooDeeply(what, ex);
        }
    }

    private static ParsedLiquid parse(TemplateParser parser, String source, String what, int maxNesting) {
        return LiquidSourceParser.parse(
                parser,
                source,
                maxNesting,
                what,
                ex -> new TemplateRenderException(what, ex.getMessage(), LiquidErrors.line(ex), ex));
    }
}
