package dev.powerpages.emulator.appnode.languages;

import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import org.springframework.stereotype.Component;

/**
 * Power Pages' built-in {@code Languages Dropdown} web template, which headers include where a site offers several
 * languages ({@code {% if website.languages.size > 1 %}…{% include 'Languages Dropdown' %}}): the languages the
 * current page exists in, each linking to the page in that language (Microsoft Learn, Liquid objects, "language":
 * "the Languages Dropdown web template by default uses this liquid object to list the available languages"). A site's
 * own template of that name wins.
 */
@Component
public class LanguagesDropdown implements BuiltInTemplate {

    @Override
    public String name() {
        return "Languages Dropdown";
    }

    @Override
    public String source() {
        return "<ul class=\"dropdown-menu\" role=\"menu\">{% for language in page.languages %}"
                + "<li role=\"menuitem\"><a class=\"dropdown-item\" href=\"/{{ language.url_substitution }}\""
                + " title=\"{{ language.name | escape }}\" data-code=\"{{ language.code | escape }}\">{{ language.name | escape }}</a></li>"
                + "{% endfor %}</ul>";
    }
}
