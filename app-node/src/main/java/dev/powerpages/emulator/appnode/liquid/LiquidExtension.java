package dev.powerpages.emulator.appnode.liquid;

import java.util.Map;
import liqp.TemplateParser;

/**
 * A part of Power Pages' Liquid surface that a feature package contributes (forms, lists, search, filters, …): a
 * Spring bean implementing this is picked up by the page renderer ({@code render.LiquidRenderer}), so a feature is added by writing its own
 * package, not by editing the renderer. Tags and filters are registered once on the node's parser; objects are
 * added to every render's variables. A tag reads the render it runs in with {@link RenderScope#of}.
 */
public interface LiquidExtension {

    /** Registers this feature's tags, blocks and filters. */
    default void register(TemplateParser.Builder parser) {}

    /** Adds this feature's objects to a render's variables (called once per page render). */
    default void contribute(RenderScope scope, Map<String, Object> variables) {}
}
