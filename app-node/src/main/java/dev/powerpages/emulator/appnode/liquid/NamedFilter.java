package dev.powerpages.emulator.appnode.liquid;

import liqp.TemplateContext;
import liqp.filters.Filter;

/** A liqp filter written as a lambda: the filter packages declare many small ones. */
public final class NamedFilter extends Filter {

    /** What the filter does with its input and parameters. */
    @FunctionalInterface
    public interface Body {
        Object apply(Object value, TemplateContext context, Object[] params);
    }

    private final Body body;

    private NamedFilter(String name, Body body) {
        super(name);
        this.body = body;
    }

    public static Filter of(String name, Body body) {
        return new NamedFilter(name, body);
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        return body.apply(value, context, params == null ? new Object[0] : params);
    }

    /** The parameter at {@code index}, or {@code null} when the template did not pass it. */
    public static Object param(Object[] params, int index) {
        return params != null && index < params.length ? params[index] : null;
    }
}
