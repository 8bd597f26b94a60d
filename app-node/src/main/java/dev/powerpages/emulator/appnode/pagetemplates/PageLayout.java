package dev.powerpages.emulator.appnode.pagetemplates;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.util.HtmlUtils;

/**
 * The page around a page template whose {@code adx_usewebsiteheaderandfooter} is set: Power Pages' master page. As
 * the portal runtime's master page lays it out ({@code Default.master} in xRM Portals Community Edition):
 * <pre>
 * &lt;!DOCTYPE html&gt;&lt;html lang="…"&gt;&lt;head&gt; charset, viewport, &lt;title&gt;page title + snippet "Browser Title Suffix"&lt;/title&gt;,
 *   meta description (adx_meta_description), snippet "Head/Fonts", the site's stylesheets (web files ending in .css
 *   under the page and its ancestors, bootstrap.min.css first, then from the home page down, in display order),
 *   snippet "Head/Bottom", the page's custom CSS (adx_customcss) in a &lt;style&gt;
 * &lt;/head&gt;&lt;body&gt; the website's header web template (adx_headerwebtemplateid), the page template's output,
 *   the website's footer web template (adx_footerwebtemplateid), the page's custom JavaScript (adx_customjavascript)
 *   in a &lt;script&gt;, snippet "Tracking Code" &lt;/body&gt;&lt;/html&gt;
 * </pre>
 * A page template without header and footer renders its web template alone, as the runtime's
 * {@code WebTemplateNoMaster} page does (custom CSS and JavaScript are then the template's to place). The runtime's
 * own scripts and styles (jQuery, its bundles) are not part of the emulator.
 *
 * <p>The frame is Liquid around the page's source, joined before parsing, so the header and footer see the same
 * objects as the page. Everything before the page's source is one line, so line numbers in template errors still
 * point into the author's template.
 */
public final class PageLayout {

    /** Template names the frame includes the website's header and footer by (not names a site can write). */
    public static final String HEADER = "__pp_website_header";

    public static final String FOOTER = "__pp_website_footer";
    /** Render variables holding the precomputed head and end-of-body HTML. */
    public static final String HEAD = "__pp_layout_head";

    public static final String BODY_END = "__pp_layout_body_end";
    public static final String LANGUAGE = "__pp_layout_language";

    private PageLayout() {}

    /** The page template's source inside the master page. */
    public static String wrap(String content, boolean header, boolean footer) {
        String before =
                "<!DOCTYPE html><html lang=\"{{ " + LANGUAGE + " }}\" data-lang=\"{{ " + LANGUAGE + " }}\"><head>"
                        + "<meta charset=\"utf-8\" /><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />"
                        + "<title>{{ page.title | escape }}{{ snippets['Browser Title Suffix'] }}</title>"
                        + "{{ " + HEAD + " }}</head><body>"
                        + (header ? "{% include '" + HEADER + "' %}" : "");
        String after = (footer ? "{% include '" + FOOTER + "' %}" : "") + "{{ " + BODY_END + " }}</body></html>";
        return before + content + after;
    }

    /** The head's HTML for a page: meta description, fonts snippet, stylesheets, head snippet, custom CSS. */
    public static String head(SiteSnapshot site, WebPage page, WebsiteLanguage language) {
        StringBuilder head = new StringBuilder();
        Object description = page.row() == null ? null : page.row().text("adx_meta_description");
        if (description != null && !description.toString().isBlank()) {
            head.append("<meta name=\"description\" content=\"")
                    .append(HtmlUtils.htmlEscape(description.toString()))
                    .append("\" />");
        }
        head.append(site.snippets(language).getOrDefault("Head/Fonts", ""));
        for (String href : stylesheets(site, page)) {
            head.append("<link rel=\"stylesheet\" href=\"")
                    .append(HtmlUtils.htmlEscape(href))
                    .append("\" />");
        }
        head.append(site.snippets(language).getOrDefault("Head/Bottom", ""));
        if (page.customCss() != null && !page.customCss().isBlank()) {
            head.append("<style type=\"text/css\">").append(page.customCss()).append("</style>");
        }
        return head.toString();
    }

    /** The end of the body: the page's custom JavaScript and the "Tracking Code" snippet. */
    public static String bodyEnd(SiteSnapshot site, WebPage page, WebsiteLanguage language) {
        StringBuilder end = new StringBuilder();
        if (page.customJavascript() != null && !page.customJavascript().isBlank()) {
            end.append("<script type=\"text/javascript\">")
                    .append(page.customJavascript())
                    .append("</script>");
        }
        end.append(site.snippets(language).getOrDefault("Tracking Code", ""));
        return end.toString();
    }

    /** Stylesheet web files under the page and its ancestors: bootstrap.min.css first, then from the home page down. */
    static List<String> stylesheets(SiteSnapshot site, WebPage page) {
        List<WebPage> path = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (WebPage current = site.pages().rootOf(page);
                current != null && seen.add(current.id());
                current = site.pages().parent(current).orElse(null)) {
            path.add(0, current);
        }
        List<String> bootstrap = new ArrayList<>();
        Set<String> others = new LinkedHashSet<>();
        for (WebPage container : path) {
            List<WebFile> css = site.pages().webFiles(container).stream()
                    .filter(file -> file.url().toLowerCase(Locale.ROOT).endsWith(".css"))
                    .sorted(java.util.Comparator.comparingInt(WebFile::displayOrder))
                    .toList();
            for (WebFile file : css) {
                if (file.url().toLowerCase(Locale.ROOT).endsWith("/bootstrap.min.css")) {
                    bootstrap.add(file.url());
                } else {
                    others.add(file.url());
                }
            }
        }
        List<String> all = new ArrayList<>(new LinkedHashSet<>(bootstrap));
        all.addAll(others);
        return all;
    }
}
