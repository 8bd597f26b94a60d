package dev.powerpages.emulator.appnode.liquid.tags;

import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import liqp.TemplateContext;
import liqp.filters.Filter;
import liqp.nodes.LNode;
import liqp.tags.Tag;

/**
 * Where a template uses a tag or filter the emulator does not know, the page still renders
 * ({@code PowerPagesLiquidSyntax} rewrites the use into these): the tag writes the not-emulated comment
 * ({@link UnsupportedLiquid}) in its place — for a block, in place of the whole block —, the filter passes its
 * input through unchanged (a comment could land inside an attribute) and records the use; both are counted per site
 * on {@code /_services/about}.
 */
final class NotEmulated {

    private NotEmulated() {}

    static final class UnknownTag extends Tag {

        private final UnsupportedLiquid unsupported;

        UnknownTag(String name, UnsupportedLiquid unsupported) {
            super(name);
            this.unsupported = unsupported;
        }

        @Override
        public Object render(TemplateContext context, LNode... nodes) {
            String name = nodes.length == 0 ? "?" : unquote(String.valueOf(nodes[0].render(context)));
            return unsupported.use(websiteId(context), "tag " + name);
        }
    }

    static final class UnknownFilter extends Filter {

        private final UnsupportedLiquid unsupported;

        UnknownFilter(String name, UnsupportedLiquid unsupported) {
            super(name);
            this.unsupported = unsupported;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String name = params == null || params.length == 0 ? "?" : String.valueOf(params[0]);
            unsupported.use(websiteId(context), "filter " + name);
            return value;
        }
    }

    /** The site of the render, or none outside a page render (a template rendered on its own). */
    static String websiteId(TemplateContext context) {
        try {
            return RenderScope.of(context).site().websiteId();
        } catch (IllegalStateException notInAPage) {
            return null;
        }
    }

    static String unquote(String token) {
        return token.length() >= 2
                        && (token.startsWith("'") && token.endsWith("'")
                                || token.startsWith("\"") && token.endsWith("\""))
                ? token.substring(1, token.length() - 1)
                : token;
    }
}
