package dev.powerpages.emulator.appnode.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code {% searchindex %}}, the {@code search_filter_options} filter and the runtime's Search templates over a
 * small site: published pages are found by their words (stemmed, Lucene syntax), with highlighted fragments, paging,
 * restrictions, and table rows as the Search/ site settings and table permissions allow.
 */
class SiteSearchTest {

    static final LiquidLimits LIMITS = new LiquidLimits(100_000, Duration.ofSeconds(10), 4_000_000, 1_000_000, 100);
    static final String SEARCH_PAGE = "30000000-0000-4000-8000-0000000000f1";
    static final String LIST =
            "{% searchindex query: request.params.q, page: request.params.page, page_size: request.params.size %}"
                    + "{{ searchindex.approximate_total_hits }}|{{ searchindex.page }}|{{ searchindex.page_size }}|"
                    + "{% for r in searchindex.results %}[{{ r.number }} {{ r.logical_name }} {{ r.title }} {{ r.url }} {{ r.fragment }}]{% endfor %}"
                    + "{% endsearchindex %}";

    private final StoreClient store = mock(StoreClient.class);
    private final SiteSearch search = new SiteSearch(store, new TableCatalog(store));
    private final LiquidRenderer renderer = new LiquidRenderer(
            LIMITS,
            new FetchXmlTag(null, null, null, null),
            List.of(new SearchLiquid(search)),
            List.of(new SearchTemplates().searchFormTemplate(), new SearchTemplates().searchResultsTemplate()));

    private TestSite coffeeSite(String template) {
        return new TestSite()
                .contentPage(
                        "30000000-0000-4000-8000-000000000002",
                        "Brewing guide",
                        "brewing",
                        "<p>How to brew <b>coffee</b> with a French press.</p><script>var coffee = 1;</script>",
                        true)
                .contentPage(
                        "30000000-0000-4000-8000-000000000003",
                        "Tea",
                        "tea",
                        "<p>Green tea and black tea, no coffee here? Yes coffee.</p>",
                        true)
                .contentPage(
                        "30000000-0000-4000-8000-000000000004",
                        "Coffee beans (draft)",
                        "beans",
                        "<p>Unreleased coffee beans</p>",
                        false)
                .page(SEARCH_PAGE, "Search", "Search", "search", TestSite.HOME, template, true)
                .siteMarker("Search", SEARCH_PAGE);
    }

    private String render(SiteSnapshot site, String query) {
        return renderer.render(
                        site,
                        site.pageByUrl("/search/").orElseThrow(),
                        new RequestInfo("/search/", "http://localhost/search/?" + query, query))
                .body();
    }

    @Test
    void findsPublishedPagesByTheWordsOfTheirCopyWithTheMatchesHighlighted() {
        String out = render(coffeeSite(LIST).snapshot(), "q=coffee");

        assertThat(out)
                .startsWith("2|1|10|")
                .contains(
                        " adx_webpage Brewing guide /brewing/ Brewing guide\nHow to brew <em>coffee</em> with a French press.]")
                .contains(
                        " adx_webpage Tea /tea/ Tea\nGreen tea and black tea, no <em>coffee</em> here? Yes <em>coffee</em>.]")
                .doesNotContain("draft", "var coffee");
    }

    @Test
    void wordsAreStemmedAsTheEnglishStemmerDoes() {
        assertThat(render(coffeeSite(LIST).snapshot(), "q=brewed"))
                .startsWith("1|")
                .contains("Brewing guide");
    }

    @Test
    void luceneQuerySyntaxWorksAndAQueryThatDoesNotParseIsSearchedAsText() {
        SiteSnapshot site = coffeeSite(LIST).snapshot();

        assertThat(render(site, "q=%2Bcoffee+-tea"))
                .startsWith("1|")
                .contains("Brewing guide")
                .doesNotContain("/tea/");
        assertThat(render(site, "q=_title:tea")).startsWith("1|").contains("/tea/");
        assertThat(render(site, "q=coffee+AND+("))
                .as("forgiving: escaped and searched")
                .startsWith("2|");
    }

    @Test
    void aRootPageAndItsContentPageAreOneResultWithTheirTextTogether() {
        // As pac pages download writes a site: the root page, and a content page per language at the same URL holding
        // the copy.
        SiteSnapshot site = coffeeSite(LIST)
                .contentPage("30000000-0000-4000-8000-000000000005", "Espresso", "espresso", "", true)
                .contentPage(
                        "30000000-0000-4000-8000-000000000006",
                        "Espresso",
                        "espresso",
                        "<p>Pulling an espresso shot {{ snippets['x'] }}</p>",
                        true)
                .snapshot();

        assertThat(render(site, "q=shot"))
                .startsWith("1|")
                .contains(" adx_webpage Espresso /espresso/ Espresso\nPulling an espresso <em>shot</em>]");
    }

    @Test
    void pagesThroughTheResultsNumberingAcrossPages() {
        String out = render(coffeeSite(LIST).snapshot(), "q=coffee&page=2&size=1");

        assertThat(out).startsWith("2|2|1|[2 adx_webpage ").doesNotContain("[1 ");
    }

    @Test
    void anEmptyQueryFindsNothingAndSearchTurnedOffFindsNothingEither() {
        assertThat(render(coffeeSite(LIST).snapshot(), "q=")).startsWith("0|");
        assertThat(render(coffeeSite(LIST).setting("Search/Enabled", "false").snapshot(), "q=coffee"))
                .startsWith("0|");
    }

    @Test
    void logicalNamesAndTheDevelopersFilterRestrictResultsAndAnInvalidFilterIsAnError() {
        String filtered =
                "{% searchindex results = query: 'coffee', filter: '+_title:tea', logical_names: 'adx_webpage' %}"
                        + "{{ results.approximate_total_hits }}{% for r in results.results %} {{ r.title }}{% endfor %}{% endsearchindex %}";
        assertThat(render(coffeeSite(filtered).snapshot(), "")).isEqualTo("1 Tea");

        String otherTable =
                "{% searchindex query: 'coffee', logical_names: 'incident' %}{{ searchindex.approximate_total_hits }}{% endsearchindex %}";
        assertThat(render(coffeeSite(otherTable).snapshot(), "")).isEqualTo("0");

        String invalid = "{% searchindex query: 'coffee', filter: '+_title:(' %}x{% endsearchindex %}";
        assertThatThrownBy(() -> render(coffeeSite(invalid).snapshot(), ""))
                .isInstanceOf(TemplateRenderException.class)
                .hasStackTraceContaining("not valid Lucene query syntax");
    }

    @Test
    void searchFilterOptionsTurnsTheSettingIntoDisplayNamesAndLogicalNames() {
        String template = "{% assign options = settings['search/filters'] | search_filter_options %}"
                + "{% for o in options %}[{{ o.display_name }}={{ o.value }}]{% endfor %}{% assign none = '' | search_filter_options %}{% if none %}x{% endif %}";
        SiteSnapshot site = coffeeSite(template)
                .setting(
                        "search/filters",
                        "Content:adx_webpage; Help Desk:incident ;Blogs:adx_blog, adx_blogpost;broken")
                .snapshot();

        assertThat(render(site, ""))
                .isEqualTo("[Content=adx_webpage][Help Desk=incident][Blogs=adx_blog,adx_blogpost]");
    }

    @Test
    void additionalTablesAreSearchedWhenTheSettingsSaySoAndOnlyWhereTheVisitorMayRead() {
        String products = "30000000-0000-4000-8000-0000000000f2";
        when(store.metadataDocument()).thenThrow(new IllegalStateException("no $metadata"));
        when(store.query(eq("nwind_productses"), anyString()))
                .thenReturn(
                        JsonMapper.builder()
                                .build()
                                .readTree(
                                        "{\"value\":[{\"nwind_productsid\":\"60000000-0000-4000-8000-000000000001\",\"nwind_name\":\"Coffee grinder\","
                                                + "\"nwind_description\":\"Grinds coffee beans\",\"_ownerid_value\":\"70000000-0000-4000-8000-000000000001\"}]}"));
        TestSite site = coffeeSite(LIST)
                .setting("Search/EnableAdditionalEntities", "true")
                .setting("Search/Filters", "Content:adx_webpage;Products:nwind_products")
                .page(products, "Product", "Product", "product", TestSite.HOME, "", true)
                .siteMarker("nwind_products_SearchResultPage", products);

        assertThat(render(site.snapshot(), "q=grinder"))
                .as("no table permission: not shown")
                .startsWith("0|");

        site.permission("nwind_products", TestSite.ANONYMOUS_ROLE, 756150000, true, false, false, false);
        assertThat(render(site.snapshot(), "q=grinder"))
                .startsWith("1|")
                .contains(
                        "[1 nwind_products Coffee grinder /product/?id=60000000-0000-4000-8000-000000000001 Coffee <em>grinder</em>\nGrinds coffee beans]");
    }

    @Test
    void theBuiltInSearchPageListsResultsUnderTheSearchBoxWithTheFilterDropDown() {
        SiteSnapshot site = coffeeSite("{% include 'Search Results' %}")
                .setting("Search/Filters", "Content:adx_webpage")
                .snapshot();

        String out = render(site, "q=brew");

        assertThat(out)
                .contains(
                        "<form method=\"GET\" action=\"/search/\" role=\"search\"",
                        "<option value=\"adx_webpage\">Content</option>",
                        "name=\"q\" value=\"brew\"",
                        "<p class=\"result-count\">1 results</p>",
                        "<a title=\"Brewing guide\" href=\"/brewing/\">Brewing guide</a>",
                        "How to <em>brew</em> coffee")
                .doesNotContain("rel=\"next\"");
        assertThat(render(site, "q=nothingmatches")).contains("Your query returned no results.");
    }
}
