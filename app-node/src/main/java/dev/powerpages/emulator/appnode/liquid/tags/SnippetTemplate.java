package dev.powerpages.emulator.appnode.liquid.tags;

import dev.powerpages.emulator.appnode.render.BuiltInTemplate;

import org.springframework.stereotype.Component;

/**
 * The runtime's {@code 'snippet'} template, which sites include without having it:
 * {@code {% include 'snippet' snippet_name:'Footer Site Name' %}} renders the content snippet of that name as
 * {@code editable} renders it (Power Pages' built-in "snippet" Liquid template does exactly this: nothing without a
 * {@code snippet_name}). The other parameters of the include are visible to the snippet's Liquid, so a snippet
 * can be a small component ({@code include 'snippet' snippet_name:'Text Input' label:'Title'}).
 */
@Component
public class SnippetTemplate implements BuiltInTemplate {

    @Override
    public String name() {
        return "snippet";
    }

    @Override
    public String source() {
        return "{% if snippet_name %}{% editable snippets snippet_name type: 'html' %}{% endif %}";
    }
}
