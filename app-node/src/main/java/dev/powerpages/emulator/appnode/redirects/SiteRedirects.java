package dev.powerpages.emulator.appnode.redirects;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import dev.powerpages.emulator.appnode.store.StoreRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Redirects ({@code adx_redirect}) and the URL history of moved pages ({@code adx_urlhistory}), tried, as the portal
 * runtime tries them, only for a URL that no page or web file answers (Microsoft Learn, "Add a redirect URL to a new
 * URL on a portal"; {@code RedirectProvider} and {@code UrlHistoryRedirectProvider} in xRM Portals Community
 * Edition):
 * <ul>
 * <li>the inbound URL is compared with the requested path and query, without regard to case; a partial inbound URL
 * ({@code cs-survey}) is relative to the site root, and a trailing slash counts ({@code /cs-survey/} does not match
 * {@code cs-survey}, the documented "known issue");</li>
 * <li>the target is the redirect's URL, else its web page's URL, else its site marker's page's URL;</li>
 * <li>the status is the redirect's status code (301 or 302; Dataverse's option values are the codes), 302 by
 * default;</li>
 * <li>a page's URL history sends its former URLs (the path, without query) to its current URL with 301, the most
 * recent change first.</li>
 * </ul>
 */
public final class SiteRedirects {

    /** Where a request is sent and with which status. */
    public record Redirect(int status, String location) {}

    private record History(String path, String pageId, Instant changed) {}

    private record Index(List<StoreRow> redirects, List<History> history) {}

    private SiteRedirects() {}

    /**
     * The redirect ({@code adx_redirect}) for a request no page or web file answers.
     *
     * @param path     the decoded path, without a language code
     * @param query    the raw query, or {@code null}
     * @param language the visitor's language (the URL of a target page is the page's in that language)
     */
    public static Optional<Redirect> match(SiteSnapshot site, String path, String query, WebsiteLanguage language) {
        String requested = appRelative(path + (query == null || query.isEmpty() ? "" : "?" + query));
        for (StoreRow row : index(site).redirects()) {
            String inbound = row.text("adx_inboundurl");
            if (inbound == null || !requested.equalsIgnoreCase(appRelative(inbound.strip()))) {
                continue;
            }
            String target = target(site, row, language);
            if (target != null && !target.equalsIgnoreCase(inbound)) {
                return Optional.of(new Redirect(status(row), target));
            }
        }
        return Optional.empty();
    }

    /** A page's former URL ({@code adx_urlhistory}): 301 to where the page is now. */
    public static Optional<Redirect> history(SiteSnapshot site, String path, WebsiteLanguage language) {
        String requestedPath = appRelative(path);
        for (History history : index(site).history()) {
            if (history.path().equalsIgnoreCase(requestedPath)) {
                Optional<String> url = pageUrl(site, history.pageId(), language);
                if (url.isPresent() && !appRelative(url.get()).equalsIgnoreCase(requestedPath)) {
                    return Optional.of(new Redirect(301, url.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The redirects' inbound URLs as site paths, for listing. */
    public static List<String> inboundPaths(SiteSnapshot site) {
        return index(site).redirects().stream()
                .map(row -> row.text("adx_inboundurl"))
                .filter(url -> url != null && !url.isBlank())
                .map(url -> appRelative(url.strip()).substring(1))
                .toList();
    }

    private static String target(SiteSnapshot site, StoreRow row, WebsiteLanguage language) {
        String url = row.text("adx_redirecturl");
        if (url != null && !url.isBlank()) {
            return url.strip();
        }
        Optional<String> page = pageUrl(site, row.text("_adx_webpageid_value"), language);
        if (page.isPresent()) {
            return page.get();
        }
        String marker = row.text("_adx_sitemarkerid_value");
        if (marker != null) {
            return site.activeRows("adx_sitemarkers").stream()
                    .filter(candidate -> marker.equalsIgnoreCase(candidate.text("adx_sitemarkerid")))
                    .findFirst()
                    .flatMap(candidate -> pageUrl(site, candidate.text("_adx_pageid_value"), language))
                    .orElse(null);
        }
        return null;
    }

    private static Optional<String> pageUrl(SiteSnapshot site, String pageId, WebsiteLanguage language) {
        return site.pages()
                .byId(pageId)
                .flatMap(page -> site.pages().localized(page, language))
                .filter(WebPage::published)
                .map(page -> site.urlOf(page, language));
    }

    /**
     * The redirect's status: adx_statuscode's option values are the HTTP codes themselves, 301 and 302, and the
     * portal runtime answers with the option's value (302 when unset). Any other value is answered 302, the
     * temporary redirect, rather than a status the site did not choose.
     */
    private static int status(StoreRow row) {
        return row.number("adx_statuscode", 302) == 301 ? 301 : 302;
    }

    /** {@code ~/x}, {@code /x} and {@code x} all name the site path {@code ~/x}. */
    private static String appRelative(String url) {
        if (url.startsWith("~")) {
            return url.startsWith("~/") ? url : "~/" + url.substring(1);
        }
        return url.startsWith("/") ? "~" + url : "~/" + url;
    }

    private static Index index(SiteSnapshot site) {
        return site.derived(Index.class, snapshot -> {
            List<History> history = new ArrayList<>();
            for (StoreRow row : snapshot.activeRows("adx_urlhistories")) {
                String name = row.text("adx_name");
                if (name != null && !name.isBlank() && row.text("_adx_webpageid_value") != null) {
                    history.add(new History(
                            appRelative(name.strip()),
                            row.text("_adx_webpageid_value"),
                            row.instant("adx_changeddate")));
                }
            }
            history.sort(Comparator.comparing(History::changed, Comparator.nullsLast(Comparator.reverseOrder())));
            return new Index(snapshot.activeRows("adx_redirects"), List.copyOf(history));
        });
    }
}
