package dev.powerpages.emulator.appnode.render;

import liqp.TemplateContext;
import liqp.nodes.LNode;
import liqp.tags.Include;

/**
 * {@code {% include 'Web Template Name' %}}: liqp's include, resolving names through the snapshot's web
 * templates (see {@link LiquidRenderer}); an error inside an included template names that template.
 */
class WebTemplateInclude extends Include {

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        try {
            return super.render(context, nodes);
        }
        catch (TemplateRenderException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            String name = String.valueOf(nodes[0].render(context));
            Throwable cause = ex.getCause() != null && ex.getMessage() != null && ex.getMessage().startsWith("problem with evaluating include")
                    ? ex.getCause() : ex;
            if (cause instanceof TemplateRenderException rendered) {
                throw rendered;
            }
            throw new TemplateRenderException(name, cause.getMessage(), cause);
        }
    }
}
