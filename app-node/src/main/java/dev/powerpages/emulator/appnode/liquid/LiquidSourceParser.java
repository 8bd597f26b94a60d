package dev.powerpages.emulator.appnode.liquid;

import dev.powerpages.emulator.appnode.limits.LiquidNesting;
import java.util.function.Function;
import liqp.TemplateParser;

/**
 * The one way a Liquid source becomes a {@link ParsedLiquid}, for a page's composed template ({@code LiquidRenderer})
 * and for Liquid rendered inside a render ({@link NestedLiquid}): rewritten into liqp's syntax
 * ({@link PowerPagesLiquidSyntax}), checked against the node's nesting limit and the parser's size limit, then parsed.
 * What {@link ParsedLiquidCache} keeps once it succeeds.
 */
public final class LiquidSourceParser {

    private LiquidSourceParser() {}

    /**
     * @param parser     the node's parser (its size limit is {@code liquid.max-template-bytes})
     * @param source     the Liquid as the site wrote it
     * @param maxNesting the node's {@code liquid.max-nesting}
     * @param what       what it is, for errors ({@code Web template 'Card'}, a page's template name)
     * @param parseError turns liqp's parse failure into the error the caller reports (where it locates the line)
     */
    public static ParsedLiquid parse(
            TemplateParser parser,
            String source,
            int maxNesting,
            String what,
            Function<RuntimeException, TemplateRenderException> parseError) {
        try {
            String rewritten = PowerPagesLiquidSyntax.rewrite(source, parser);
            String nesting = LiquidNesting.problem(rewritten, maxNesting);
            if (nesting != null) {
                throw new TemplateRenderException(what, nesting, 0, null);
            }
            if (rewritten.length() > parser.getLimitMaxTemplateSizeBytes()) {
                // liqp checks its size limit only after parsing, the costly part; the Power Pages rewrites can grow a
                // template past it.
                throw new TemplateRenderException(
                        what,
                        "the template is " + rewritten.length() + " characters long once rewritten, over the node's "
                                + "limit of " + parser.getLimitMaxTemplateSizeBytes() + " (liquid.max-template-bytes)",
                        0,
                        null);
            }
            try {
                return ParsedLiquid.parse(parser, rewritten);
            } catch (RuntimeException ex) {
                throw parseError.apply(ex);
            }
        } catch (StackOverflowError ex) {
            // The rewrite and liqp's parser recurse per nesting level: thousands of nested tags exhaust the stack.
            throw TemplateRenderException.nestedTooDeeply(what, ex);
        }
    }
}
