package dev.powerpages.emulator.appnode.liquid;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;

/**
 * What the Liquid {@code request} object shows of the current request, who made it and in which language.
 *
 * @param path     the path as the visitor asked for it (with a language code in front, where the site uses them)
 * @param user     the signed-in visitor, {@code null} for an anonymous one
 * @param language the visitor's language on a multilingual site, {@code null} on a site without languages
 */
public record RequestInfo(String path, String url, String query, SiteUser user, WebsiteLanguage language) {

    /** An anonymous visitor's request. */
    public RequestInfo(String path, String url, String query) {
        this(path, url, query, null, null);
    }

    /** A request on a site without languages. */
    public RequestInfo(String path, String url, String query, SiteUser user) {
        this(path, url, query, user, null);
    }
}
