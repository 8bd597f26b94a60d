package dev.powerpages.emulator.appnode.languages;

import dev.powerpages.emulator.appnode.site.SiteLanguages;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The language a visitor of a multilingual site sees, as Power Pages decides it ({@code ContextLanguageInfo} in xRM
 * Portals Community Edition): a language code as the URL's first segment ({@code /fr-FR/about/}), else the
 * {@code ContextLanguageCode} cookie, else the website's default language. Whether page URLs carry the code is the
 * site setting {@code MultiLanguage/DisplayLanguageCodeInURL} ({@link SiteLanguages#codesInUrl()}); a page asked
 * for in the other form is redirected (302) to the form the site uses, as the runtime does.
 */
public final class LanguageRouting {

    /** Power Pages' cookie holding the visitor's language code. */
    public static final String COOKIE = "ContextLanguageCode";

    /**
     * The outcome for one request.
     *
     * @param language   the visitor's language, {@code null} on a site without languages
     * @param path       the path without a language code: what pages and files are looked up by
     * @param codeInPath the request's path began with a language code
     */
    public record Resolution(WebsiteLanguage language, String path, boolean codeInPath) {

        /** The path in the form the site uses: with the visitor's code in front when codes are in URLs. */
        public String canonical(SiteLanguages languages, String pathWithoutCode) {
            if (language == null || !languages.codesInUrl() || language.code() == null) {
                return pathWithoutCode;
            }
            return "/" + language.code() + pathWithoutCode;
        }
    }

    private LanguageRouting() {}

    public static Resolution resolve(SiteSnapshot site, String path, HttpServletRequest request) {
        SiteLanguages languages = site.languages();
        if (!languages.multilingual()) {
            return new Resolution(null, path, false);
        }
        String code = firstSegment(path);
        WebsiteLanguage fromPath = languages.byCode(code).orElse(null);
        if (fromPath != null) {
            String rest = path.substring(code.length() + 1);
            return new Resolution(fromPath, rest.isEmpty() ? "/" : rest, true);
        }
        WebsiteLanguage fromCookie = languages
                .byCode(cookie(request))
                .filter(WebsiteLanguage::published)
                .orElse(null);
        return new Resolution(fromCookie != null ? fromCookie : languages.defaultLanguage(), path, false);
    }

    /** Whether the visitor's cookie already names this language. */
    public static boolean cookieNames(HttpServletRequest request, WebsiteLanguage language) {
        return language != null && language.code() != null && language.code().equalsIgnoreCase(cookie(request));
    }

    private static String firstSegment(String path) {
        if (path == null || path.length() < 2 || path.charAt(0) != '/') {
            return null;
        }
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
