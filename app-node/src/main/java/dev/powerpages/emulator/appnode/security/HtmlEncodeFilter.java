package dev.powerpages.emulator.appnode.security;

import liqp.TemplateContext;
import liqp.filters.Filter;
import org.springframework.web.util.HtmlUtils;

/**
 * Power Pages' {@code escape} (and its alias {@code h}): HTML-encodes a string. Power Pages' Liquid is DotLiquid,
 * whose {@code escape} is .NET's {@code HtmlEncode}: {@code & < > "} and the single quote ({@code &#39;}). liqp's
 * built-in leaves {@code '} as is, so a template writing {@code <a title='{{ name | escape }}'>} could be broken
 * out of by a visitor's value; this filter encodes all five, as Power Pages does.
 */
public final class HtmlEncodeFilter extends Filter {

    public HtmlEncodeFilter(String name) {
        super(name);
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        if (value == null) {
            return "";
        }
        // HtmlUtils' default encodes & < > " ' and nothing else, which is what HtmlEncode does for ASCII.
        return HtmlUtils.htmlEscape(super.asString(value, context));
    }
}
