package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.signin.SiteUser;

/**
 * What the Liquid {@code request} object shows of the current request, and who made it.
 *
 * @param user the signed-in visitor, {@code null} for an anonymous one
 */
public record RequestInfo(String path, String url, String query, SiteUser user) {

    /** An anonymous visitor's request. */
    public RequestInfo(String path, String url, String query) {
        this(path, url, query, null);
    }
}
