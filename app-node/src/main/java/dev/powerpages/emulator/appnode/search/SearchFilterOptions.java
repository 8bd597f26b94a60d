package dev.powerpages.emulator.appnode.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * Power Pages' {@code search_filter_options} filter: {@code settings['search/filters'] | search_filter_options}
 * turns the site setting's "name/value pairs, with name and value separated by a colon, and pairs separated by a
 * semicolon" ({@code Content:adx_webpage;Blogs:adx_blog,adx_blogpost}) into options with {@code display_name} and
 * {@code value} (the logical names, for the search form's {@code logicalNames} parameter), as the default
 * {@code Search} web template lists them. An empty setting gives no options (nil), so {@code {% if search_filters %}}
 * hides the drop-down.
 *
 * <p>Power Pages shows a table's plural display name in place of the setting's name; the store has no display names,
 * so the emulator shows the name written in the setting.
 */
final class SearchFilterOptions extends Filter {

    record Option(String displayName, String value) {}

    SearchFilterOptions() {
        super("search_filter_options");
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        List<Option> options = parse(value == null ? "" : super.asString(value, context));
        if (options.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Option option : options) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("display_name", option.displayName());
            object.put("value", option.value());
            objects.add(object);
        }
        return objects;
    }

    static List<Option> parse(String setting) {
        List<Option> options = new ArrayList<>();
        for (String pair : setting.split(";")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                continue;
            }
            String name = pair.substring(0, colon).strip();
            String tables = String.join(
                    ",",
                    java.util.Arrays.stream(pair.substring(colon + 1).split(","))
                            .map(String::strip)
                            .filter(table -> !table.isEmpty())
                            .toList());
            if (!name.isEmpty() && !tables.isEmpty()) {
                options.add(new Option(name, tables));
            }
        }
        return options;
    }
}
