package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Power Pages' URL filters, with the reference's examples. */
class UrlFiltersTest {

    private static final String URL = "'https://example.com/path?foo=bar&page=2'";

    @Test
    void addQueryAppendsOrUpdatesForUrlsAndPaths() {
        assertThat(
                        render(
                                "{{ 'https://example.com/path?page=1' | add_query: 'foo', 'bar' }}|{{ '/path?page=1' | add_query: 'page', 2 }}"))
                .isEqualTo("https://example.com/path?page=1&foo=bar|/path?page=2");
        assertThat(render("{{ '/search?q=a b&page=1' | add_query: 'page', 3 }}"))
                .isEqualTo("/search?q=a%20b&page=3");
    }

    @Test
    void removeQueryRemovesTheParameter() {
        assertThat(render(
                        "{{ 'https://example.com/path?page=1' | remove_query: 'page' }}|{{ '/path?page=1' | remove_query: 'page' }}"
                                + "|{{ '/path?a=1' | remove_query: 'page' }}"))
                .isEqualTo("https://example.com/path|/path|/path?a=1");
    }

    @Test
    void partsOfAUrl() {
        assertThat(render("{{ " + URL + " | base }}|{{ " + URL + " | host }}|{{ " + URL
                        + " | path }}|{{ '/path?foo=bar&page=2' | path }}"))
                .isEqualTo("https://example.com|example.com|/path|/path");
        assertThat(render("{{ " + URL + " | path_and_query }}|{{ '/path?foo=bar&page=2' | path_and_query }}"))
                .isEqualTo("/path?foo=bar&page=2|/path?foo=bar&page=2");
        assertThat(render("{{ 'http://example.com/path' | port }}|{{ " + URL
                        + " | port }}|{{ 'https://example.com:9000/path' | port }}"))
                .isEqualTo("80|443|9000");
        assertThat(render("{{ 'http://example.com/path' | scheme }}|{{ " + URL + " | scheme }}"))
                .isEqualTo("http|https");
    }

    @Test
    void aPathIsReadAgainstTheVisitorsRequest() {
        // The test page's request is https://contoso.example:8443/fuzz/?page=1
        assertThat(render("{{ '/a' | host }}|{{ '/a' | port }}|{{ '/a' | scheme }}|[{{ '/a' | base }}]"))
                .isEqualTo("contoso.example|8443|https|[]");
        assertThat(render("{{ request.url | add_query: 'page', 2 | path_and_query }}"))
                .isEqualTo("/fuzz/?page=2");
    }

    @Test
    void visitorValuesComeOutEncoded() {
        assertThat(render("{{ '/p\"><script>?q=\"><b>' | path_and_query }}"))
                .isEqualTo("/p%22%3E%3Cscript%3E?q=%22%3E%3Cb%3E");
    }
}
