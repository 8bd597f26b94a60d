package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' string and escape filters, with the reference's examples. */
class StringFiltersTest {

    @Test
    void appendPrependAndCaseFilters() {
        assertThat(
                        render(
                                "{{ 'filename' | append: '.js' }}|{{ 'Jane Johnson' | prepend: 'Dr. ' }}|{{ 'hal 9000' | upcase }}"))
                .isEqualTo("filename.js|Dr. Jane Johnson|HAL 9000");
        assertThat(render("{{ 'MIxed Case TExt' | downcase }}|{{ 'MIxed Case TExt' | upcase }}"))
                .isEqualTo("mixed case text|MIXED CASE TEXT");
    }

    @Test
    void capitalizeCapitalizesEveryWord() {
        assertThat(
                        render(
                                "{{ 'capitalize me' | capitalize }}|{{ 'hELLO wORLD' | capitalize }}|{{ 'NASA rocks' | capitalize }}"))
                .isEqualTo("Capitalize Me|Hello World|NASA Rocks");
    }

    @Test
    void removeAndReplaceWholeOrFirstOccurrences() {
        String text = "'Hello, Dave. How are you, Dave?'";
        assertThat(render("{{ " + text + " | remove: 'Dave' }}|{{ " + text + " | remove_first: 'Dave' }}"))
                .isEqualTo("Hello, . How are you, ?|Hello, . How are you, Dave?");
        assertThat(render("{{ " + text + " | replace: 'Dave', 'John' }}|{{ " + text
                        + " | replace_first: 'Dave', 'John' }}"))
                .isEqualTo("Hello, John. How are you, John?|Hello, John. How are you, Dave?");
    }

    @Test
    void splitDividesAndDropsEmptyEntries() {
        assertThat(
                        render(
                                "{% assign words = 'This is a demo of the split filter' | split: ' ' %}"
                                        + "First word: {{ words.first }}|{{ words[0] }}|{{ words[1] }}|{{ words.last }}|{{ words | join: ', ' }}"))
                .isEqualTo("First word: This|This|is|filter|This, is, a, demo, of, the, split, filter");
        assertThat(render("{{ 'a,,b,' | split: ',' | size }}|{{ 'a b  c' | split: '' | join: '-' }}"))
                .isEqualTo("2|a-b-c");
    }

    @Test
    void newlinesBecomeBreaksOrGo() {
        assertThat(render("{% capture text %}\nA\nB\nC\n{% endcapture %}{{ text | newline_to_br }}"))
                .isEqualTo("<br />\nA<br />\nB<br />\nC<br />\n");
        assertThat(render("{% capture text %}\nA\nB\nC\n{% endcapture %}{{ text | strip_newlines }}"))
                .isEqualTo("ABC");
    }

    @Test
    void stripHtmlRemovesTags() {
        assertThat(render("{{ '<p>Hello</p>' | strip_html }}")).isEqualTo("Hello");
    }

    @Test
    void textToHtmlMakesParagraphsBreaksAndLinks() {
        String note =
                "This is the first paragraph of notetext. It contains a URL: https://example.com\n\nThis is a second paragraph.\nWith <b> & a break.";
        assertThat(render("{{ note | text_to_html }}", Map.of("note", note)))
                .isEqualTo(
                        "<p>This is the first paragraph of notetext. It contains a URL: <a href=\"https://example.com/\" rel=\"nofollow\">https://example.com</a></p>"
                                + "<p>This is a second paragraph.<br />With &lt;b&gt; &amp; a break.</p>");
    }

    @Test
    void truncateCountsTheEllipsisAndTruncateWordsCountsWords() {
        assertThat(
                        render(
                                "{{ 'This is a long run of text.' | truncate: 10 }}|{{ 'This is a long run of text.' | truncate_words: 3 }}"))
                .isEqualTo("This is...|This is a...");
    }

    @Test
    void escapeFiltersEncodeForTheirDestination() {
        assertThat(
                        render(
                                "{{ '<p>test</p>' | escape }}|{{ '<p>test</p>' | xml_escape }}|{{ 'This & that//' | url_escape }}"))
                .isEqualTo("&lt;p&gt;test&lt;/p&gt;|&lt;p&gt;test&lt;/p&gt;|This+%26+that%2F%2F");
        assertThat(render("{{ \"it's\" | xml_escape }}|{{ '&lt;b&gt; & <i>' | escape_once }}"))
                .isEqualTo("it&apos;s|&lt;b&gt; &amp; &lt;i&gt;");
    }

    @Test
    void htmlSafeEscapeKeepsSafeMarkupAndDropsScript() {
        assertThat(render("{{ '<img src=\"images/myimage.jpg\" onerror=\"alert(1);\">' | html_safe_escape }}"))
                .isEqualTo("<img src=\"images/myimage.jpg\">");
        assertThat(render(
                        "{{ html | html_safe_escape }}",
                        Map.of("html", "<p>Hi<script>alert(1)</script></p><a href=\"javascript:x\">y</a>")))
                .isEqualTo("<p>Hi</p><a>y</a>");
    }
}
