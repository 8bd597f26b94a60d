package dev.powerpages.emulator.appnode.languages;

import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import java.util.List;
import java.util.Locale;

/**
 * Power Pages' language objects (Microsoft Learn, Liquid objects, "language": {@code name}, {@code code},
 * {@code url}, {@code url_substitution}) as {@code language}, {@code website.languages},
 * {@code website.selected_language} and {@code page.languages} show them.
 *
 * <p>A language's {@code url} is the current request's path and query in that language — its code in front, without
 * the leading slash, as the runtime formats it ({@code fr-FR/about/?x=1}; templates write
 * {@code href="/{{ language.url }}"}); for {@code page.languages} the path is that of the page's content page in
 * the language, so a page whose translations have their own partial URLs links to each. The emulator renders every
 * page uncached, so {@code url_substitution} is the same URL.
 */
public final class LanguageObjects {

    private LanguageObjects() {}

    /** One language object. */
    public static LiquidDrop language(WebsiteLanguage language, String url) {
        return new LiquidDrop(null, language.displayName())
                .value("id", language.id())
                .value("name", language.displayName())
                .value("code", language.code())
                .value("lcid", language.lcid())
                .value("url", url)
                .value("url_substitution", url);
    }

    /** {@code website.languages}: the published languages, each linking to the current request in it. */
    public static List<LiquidDrop> websiteLanguages(SiteSnapshot site, String requestPath, String query) {
        String path = withoutCode(site, requestPath);
        return site.languages().published().stream()
                .map(language -> language(language, inLanguage(language, path, query)))
                .toList();
    }

    /**
     * {@code page.languages}: the published languages the page exists in (all of them when it has no translations),
     * each linking to the page's content page in that language.
     */
    public static List<LiquidDrop> pageLanguages(SiteSnapshot site, WebPage page, String query) {
        return site.languages().published().stream()
                .flatMap(language -> site
                        .pages()
                        .localized(page, language)
                        .filter(WebPage::published)
                        .map(localized -> language(language, inLanguage(language, localized.url(), query)))
                        .stream())
                .toList();
    }

    /** The current request's URL in a language: {@code code/path?query}, no leading slash. */
    public static String inLanguage(WebsiteLanguage language, String pathWithoutCode, String query) {
        String path = pathWithoutCode == null || pathWithoutCode.isEmpty() ? "/" : pathWithoutCode;
        String suffix = query == null || query.isEmpty() ? "" : "?" + query;
        return (language.code() == null ? path.substring(1) : language.code() + path) + suffix;
    }

    /** A request path without a website language code in front. */
    public static String withoutCode(SiteSnapshot site, String path) {
        if (path == null || !site.languages().multilingual()) {
            return path;
        }
        for (WebsiteLanguage language : site.languages().all()) {
            if (language.code() == null) {
                continue;
            }
            String prefix = "/" + language.code().toLowerCase(Locale.ROOT);
            String lower = path.toLowerCase(Locale.ROOT);
            if (lower.equals(prefix)) {
                return "/";
            }
            if (lower.startsWith(prefix + "/")) {
                return path.substring(prefix.length());
            }
        }
        return path;
    }
}
