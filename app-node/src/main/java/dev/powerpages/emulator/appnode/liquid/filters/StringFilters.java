package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.param;

import dev.powerpages.emulator.appnode.limits.BoundedFilter;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.TemplateParser;
import liqp.filters.Filter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Power Pages' string and escape filters where they differ from liqp's ("Available Liquid filters", String filters
 * and Escape filters; semantics from DotLiquid's {@code StandardFilters} and xRM Portals' {@code StringFilters}):
 * <ul>
 * <li>{@code capitalize}: every word ("Capitalize Me"), as .NET's {@code TextInfo.ToTitleCase} does — words in
 * capitals stay as they are;</li>
 * <li>{@code split}: drops empty entries ({@code 'a,,b' | split: ','} is two items), an empty separator splits at
 * white space;</li>
 * <li>{@code truncate_words} (Power Pages' name for liqp's {@code truncatewords});</li>
 * <li>{@code newline_to_br}: {@code <br />} before each line break, which stays;</li>
 * <li>{@code strip_html}: removes every {@code <…>} on one line, as DotLiquid's regex does;</li>
 * <li>{@code text_to_html}: HTML-encodes, makes blank-line-separated blocks paragraphs, line breaks {@code <br />},
 * and http(s) URLs links with {@code rel="nofollow"};</li>
 * <li>{@code url_escape}: .NET's {@code WebUtility.UrlEncode} ({@code This+%26+that%2F%2F});
 * {@code xml_escape}: .NET's {@code SecurityElement.Escape}; {@code escape_once}: HTML-encodes what is not an
 * entity already;</li>
 * <li>{@code html_safe_escape}: a safe HTML fragment, scripts and event handlers removed, by jsoup's sanitizer with
 * its "relaxed" safe list (relative links kept), as close as a well-kept library comes to the platform's own.</li>
 * </ul>
 * Filters whose output can outgrow their input are bounded ({@code liquid.max-rendered-chars}).
 */
@Component
public class StringFilters implements LiquidExtension {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Pattern LINE_BREAK = Pattern.compile("(\\r?\\n)");
    private static final Pattern TAG = Pattern.compile("<.*?>");
    private static final Pattern URL = Pattern.compile("https?://\\S+[/\\w]", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_AN_ENTITY =
            Pattern.compile("&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)");
    private static final Safelist SAFE_HTML = Safelist.relaxed().preserveRelativeLinks(true);

    private final int maxSize;

    public StringFilters(LiquidLimits limits) {
        this.maxSize = limits.maxRenderedChars();
        // jsoup loads a few hundred classes on first use: at start-up, not inside the first page's render time limit.
        safeHtml("<p>warm</p>");
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(of(
                        "capitalize",
                        (value, context, params) ->
                                value == null ? null : titleCase(LiquidValues.text(value, context))))
                .withFilter(bounded(of(
                        "split",
                        (value, context, params) -> split(
                                value == null ? null : LiquidValues.text(value, context),
                                LiquidValues.text(param(params, 0), context)))))
                .withFilter(of(
                        "truncate_words",
                        (value, context, params) -> truncateWords(
                                value == null ? null : LiquidValues.text(value, context),
                                param(params, 0),
                                param(params, 1))))
                .withFilter(bounded(of(
                        "newline_to_br",
                        (value, context, params) -> value == null
                                ? null
                                : LINE_BREAK
                                        .matcher(LiquidValues.text(value, context))
                                        .replaceAll("<br />$1"))))
                .withFilter(of(
                        "strip_html",
                        (value, context, params) -> value == null
                                ? null
                                : TAG.matcher(LiquidValues.text(value, context)).replaceAll("")))
                .withFilter(bounded(of(
                        "text_to_html",
                        (value, context, params) ->
                                value == null ? null : textToHtml(LiquidValues.text(value, context)))))
                .withFilter(bounded(of(
                        "url_escape",
                        (value, context, params) ->
                                value == null ? null : urlEncode(LiquidValues.text(value, context)))))
                .withFilter(bounded(of(
                        "xml_escape",
                        (value, context, params) ->
                                value == null ? null : xmlEscape(LiquidValues.text(value, context)))))
                .withFilter(bounded(of(
                        "escape_once",
                        (value, context, params) ->
                                value == null ? null : escapeOnce(LiquidValues.text(value, context)))))
                .withFilter(bounded(of(
                        "html_safe_escape",
                        (value, context, params) ->
                                value == null ? null : safeHtml(LiquidValues.text(value, context)))));
    }

    private Filter bounded(Filter filter) {
        return new BoundedFilter(filter, maxSize);
    }

    /** .NET's {@code TextInfo.ToTitleCase}: first letter of each word up, the rest down, words in capitals kept. */
    static String titleCase(String text) {
        Matcher word = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            String w = word.group();
            String cased = w.equals(w.toUpperCase())
                    ? w
                    : w.substring(0, 1).toUpperCase() + w.substring(1).toLowerCase();
            word.appendReplacement(out, Matcher.quoteReplacement(cased));
        }
        return word.appendTail(out).toString();
    }

    /** DotLiquid's {@code Split}: blank input is one item, empty entries are dropped. */
    static List<String> split(String text, String separator) {
        if (text == null || text.isBlank()) {
            List<String> single = new ArrayList<>();
            single.add(text);
            return single;
        }
        String[] parts = separator.isEmpty() ? text.split("\\s+") : text.split(Pattern.quote(separator), -1);
        return new ArrayList<>(
                Arrays.stream(parts).filter(part -> !part.isEmpty()).toList());
    }

    /** DotLiquid's {@code TruncateWords}: words are split at spaces; 15 by default; "..." after the kept words. */
    static String truncateWords(String text, Object words, Object ending) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int count = words == null
                ? 15
                : Math.max(
                        0,
                        LiquidValues.number(words) == null
                                ? 15
                                : LiquidValues.number(words).intValue());
        String[] all = text.split(" ", -1);
        if (all.length <= count) {
            return text;
        }
        return String.join(" ", Arrays.copyOf(all, count)) + (ending == null ? "..." : ending.toString());
    }

    /** xRM Portals' {@code SimpleHtmlFormatter}, with the link text as written (Power Pages' documented output). */
    static String textToHtml(String text) {
        String encoded = HtmlUtils.htmlEscape(text);
        Matcher url = URL.matcher(encoded);
        StringBuilder linked = new StringBuilder();
        while (url.find()) {
            String found = url.group();
            String href;
            try {
                URI uri = URI.create(HtmlUtils.htmlUnescape(found));
                href = uri.getRawPath() == null || uri.getRawPath().isEmpty()
                        ? uri.toString().replaceFirst("(//[^/?#]*)", "$1/")
                        : uri.toString();
            } catch (IllegalArgumentException notAUri) {
                url.appendReplacement(linked, Matcher.quoteReplacement(found));
                continue;
            }
            url.appendReplacement(
                    linked,
                    Matcher.quoteReplacement(
                            "<a href=\"" + HtmlUtils.htmlEscape(href) + "\" rel=\"nofollow\">" + found + "</a>"));
        }
        url.appendTail(linked);
        StringBuilder html = new StringBuilder();
        for (String block : linked.toString().split("\r\n\r\n|\n\n")) {
            if (!block.isEmpty()) {
                html.append("<p>")
                        .append(block.replace("\r\n", "<br />").replace("\n", "<br />"))
                        .append("</p>");
            }
        }
        return html.toString();
    }

    /** .NET's {@code WebUtility.UrlEncode}: letters, digits and {@code -_.!*()} kept, space {@code +}, the rest {@code %XX}. */
    static String urlEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-_.!*()".indexOf(c) >= 0)) {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    /** .NET's {@code SecurityElement.Escape}: also what makes a value safe inside a FetchXML attribute. */
    public static String xmlEscape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    static String escapeOnce(String text) {
        String ampersands = NOT_AN_ENTITY.matcher(text).replaceAll("&amp;");
        return ampersands
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static String safeHtml(String html) {
        return Jsoup.clean(html, "http://localhost/", SAFE_HTML, new Document.OutputSettings().prettyPrint(false));
    }
}
