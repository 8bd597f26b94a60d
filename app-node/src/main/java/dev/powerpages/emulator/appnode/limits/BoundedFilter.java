package dev.powerpages.emulator.appnode.limits;

import java.lang.reflect.Array;
import java.util.Collection;
import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * A filter (liqp's or the node's), refusing a result longer than the render's output may be: a template that grows a string
 * or list in a variable fails with a clear message rather than taking the heap down with it.
 */
public final class BoundedFilter extends Filter {

    private final Filter delegate;
    private final int maxSize;

    /**
     * @param delegate the filter doing the work
     * @param maxSize  the node's {@code liquid.max-rendered-chars}
     */
    public BoundedFilter(Filter delegate, int maxSize) {
        super(delegate.name);
        this.delegate = delegate;
        this.maxSize = maxSize;
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        long inputs = size(value);
        for (Object param : params) {
            inputs += size(param);
        }
        // Checked before the work as well as after: replace can multiply its input (every match gets the replacement).
        if (inputs > maxSize) {
            throw tooLarge();
        }
        Object result = delegate.apply(value, context, params);
        if (size(result) > maxSize) {
            throw tooLarge();
        }
        return result;
    }

    private IllegalStateException tooLarge() {
        return new IllegalStateException("the filter '" + name + "' would build a value over " + maxSize
                + " characters or items (liquid.max-rendered-chars)");
    }

    private static long size(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value);
        }
        return 0;
    }
}
