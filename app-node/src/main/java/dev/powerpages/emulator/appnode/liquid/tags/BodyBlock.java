package dev.powerpages.emulator.appnode.liquid.tags;

import liqp.TemplateContext;
import liqp.blocks.Block;
import liqp.nodes.LNode;

/**
 * A block that renders its content as it is:
 * <ul>
 * <li>{@code substitution}: its content is what Power Pages leaves out of the header and footer output cache; every
 * render of the emulator is uncached, so the content simply renders ("Template tags", substitution);</li>
 * <li>{@code block} outside a layout (an included web template that has blocks and extends nothing): DotLiquid's
 * block renders its content; inside a layout, blocks are composed before parsing ({@code LayoutInheritance}).</li>
 * </ul>
 */
final class BodyBlock extends Block {

    BodyBlock(String name) {
        super(name);
    }

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        return nodes.length == 0 ? "" : nodes[nodes.length - 1].render(context);
    }
}
