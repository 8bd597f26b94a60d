package dev.powerpages.emulator.appnode.liquid;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import liqp.TemplateContext;

/**
 * What one page render is about: the snapshot it renders against, the page and the visitor's request. Put in the
 * render's variables so that tags and filters reach it through liqp's {@link TemplateContext}.
 */
public record RenderScope(SiteSnapshot site, WebPage page, RequestInfo request) {

    /** The render variable holding the scope; not a name a template can write. */
    public static final String VARIABLE = "__pp_render_scope";

    /**
     * The scope of the render a tag or filter runs in.
     *
     * @throws IllegalStateException outside a page render (a template parsed and rendered on its own)
     */
    public static RenderScope of(TemplateContext context) {
        Object scope = context.get(VARIABLE);
        if (scope instanceof RenderScope renderScope) {
            return renderScope;
        }
        throw new IllegalStateException("not rendering a page of the site");
    }
}
