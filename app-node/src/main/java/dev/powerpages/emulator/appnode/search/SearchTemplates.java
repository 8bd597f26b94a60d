package dev.powerpages.emulator.appnode.search;

import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The search templates the Power Pages runtime provides when a site folder has none of that name (written for the
 * emulator after what a new site's default templates show, not copied):
 * <ul>
 * <li>{@code Search}: the search box the default header includes ({@code {% include 'Search' search_id:'q' %}}) — a
 * GET form to the page of the site marker {@code Search}, with the {@code Search/Filters} drop-down
 * ({@code logicalNames}) when the setting lists filters; nothing when {@code Search/Enabled} is false or there is no
 * search page;</li>
 * <li>{@code Search Results}: the page the Search page template shows — {@code searchindex} over {@code q},
 * {@code logicalNames} and {@code page} request parameters, ten results a page, each title linked with its
 * highlighted fragment, a result count, previous/next links, and the {@code Search/NoResults} snippet (or a default
 * text) when nothing matches.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SearchTemplates {

    static final String SEARCH_FORM = """
            {% assign search_enabled = settings['Search/Enabled'] | default: 'true' %}{% assign search_page = sitemarkers['Search'] %}\
            {% if search_enabled != 'false' and search_enabled != 'False' and search_page %}\
            {% assign search_filters = settings['Search/Filters'] | search_filter_options %}\
            <form method="GET" action="{{ search_page.url | escape }}" role="search" class="form-search">\
            <div class="input-group">\
            {% if search_filters %}<select name="logicalNames" class="btn-select" aria-label="{{ snippets['Header/Search/FilterLabel'] | default: 'Search filter' | escape }}">\
            <option value="">{{ snippets['Search/Default/FilterText'] | default: 'All' | escape }}</option>\
            {% for option in search_filters %}<option value="{{ option.value | escape }}"{% if request.params['logicalNames'] == option.value %} selected="selected"{% endif %}>{{ option.display_name | escape }}</option>{% endfor %}\
            </select>{% endif %}\
            <label for="{{ search_id | default: 'q' }}" class="sr-only">{{ snippets['Header/Search/Label'] | default: 'Search' | escape }}</label>\
            <input type="text" class="form-control" id="{{ search_id | default: 'q' }}" name="q" value="{{ request.params['q'] }}" \
            placeholder="{{ snippets['Header/Search/Label'] | default: 'Search' | escape }}">\
            <div class="input-group-btn"><button type="submit" class="btn btn-default" title="{{ snippets['Header/Search/ToolTip'] | default: 'Search' | escape }}">\
            {{ snippets['Header/Search/ToolTip'] | default: 'Search' | escape }}</button></div>\
            </div></form>{% endif %}""";

    static final String SEARCH_RESULTS = """
            {% assign page_size = 10 %}{% assign current_page = request.params['page'] | default: 1 | plus: 0 %}\
            <div class="page-heading"><h1>{{ snippets['Search/ResultsTitle'] | default: 'Search' | escape }}</h1></div>
            {% include 'Search' search_id: 'search-page-q' %}
            {% searchindex query: request.params['q'], logical_names: request.params['logicalNames'], page: current_page, page_size: page_size %}\
            {% if searchindex.results.size > 0 %}\
            <p class="result-count">{{ searchindex.approximate_total_hits }} results</p>
            <ul class="search-results">
            {% for result in searchindex.results %}<li><h3><a title="{{ result.title | escape }}" href="{{ result.url | escape }}">{{ result.title | escape }}</a></h3>\
            <p class="fragment">{{ result.fragment }}</p></li>
            {% endfor %}</ul>
            <ul class="pagination">\
            {% if current_page > 1 %}<li><a href="?q={{ request.params['q'] | url_encode }}&amp;page={{ current_page | minus: 1 }}" rel="prev">Previous</a></li>{% endif %}\
            {% assign shown = current_page | times: page_size %}\
            {% if searchindex.approximate_total_hits > shown %}<li><a href="?q={{ request.params['q'] | url_encode }}&amp;page={{ current_page | plus: 1 }}" rel="next">Next</a></li>{% endif %}\
            </ul>
            {% else %}\
            <div class="no-results">{{ snippets['Search/NoResults'] | default: '<p>Your query returned no results.</p>' }}</div>
            {% endif %}\
            {% endsearchindex %}""";

    @Bean
    BuiltInTemplate searchFormTemplate() {
        return new Template("Search", SEARCH_FORM);
    }

    @Bean
    BuiltInTemplate searchResultsTemplate() {
        return new Template("Search Results", SEARCH_RESULTS);
    }

    private record Template(String name, String source) implements BuiltInTemplate {}
}
