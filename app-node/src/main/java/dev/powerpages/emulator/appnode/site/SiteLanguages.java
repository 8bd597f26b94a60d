package dev.powerpages.emulator.appnode.site;

import java.util.List;
import java.util.Optional;

/**
 * The website's languages ({@code adx_websitelanguage}) and how visitors choose among them.
 *
 * <p>A site with at least one website language is multilingual in Power Pages' sense: pages, snippets and link sets
 * are looked up for the visitor's language. The site setting {@code MultiLanguage/DisplayLanguageCodeInURL} decides
 * whether the language is part of the URL ({@code /fr-FR/about/}) or kept in a cookie ("Enable multiple-language
 * website support": "controls whether the system determines the language by URL or by a session cookie"); when the
 * setting is absent, the emulator puts the code in the URL as soon as the site offers several published languages,
 * as a site gets it when a maker adds a second language.
 *
 * @param all             every active website language, published or not, in the order the store listed them
 * @param defaultLanguage the website's default language ({@code adx_defaultlanguage}), else the first published one;
 *                        {@code null} for a site without languages
 * @param codesInUrl      page URLs start with the language code
 */
public record SiteLanguages(List<WebsiteLanguage> all, WebsiteLanguage defaultLanguage, boolean codesInUrl) {

    public static final SiteLanguages NONE = new SiteLanguages(List.of(), null, false);

    /** The site setting that puts the language code into page URLs. */
    public static final String CODE_IN_URL_SETTING = "MultiLanguage/DisplayLanguageCodeInURL";

    public boolean multilingual() {
        return !all.isEmpty();
    }

    /** The languages offered to visitors ({@code website.languages}). */
    public List<WebsiteLanguage> published() {
        return all.stream().filter(WebsiteLanguage::published).toList();
    }

    /** The active language with this code (without regard to case), as a URL's first segment names it. */
    public Optional<WebsiteLanguage> byCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return all.stream()
                .filter(language -> language.code() != null && language.code().equalsIgnoreCase(code))
                .findFirst();
    }

    public Optional<WebsiteLanguage> byId(String id) {
        return id == null
                ? Optional.empty()
                : all.stream()
                        .filter(language -> id.equalsIgnoreCase(language.id()))
                        .findFirst();
    }
}
