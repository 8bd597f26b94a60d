package dev.powerpages.emulator.cli.check;

import java.util.List;

/**
 * One URL fetched through the gateway and what it counts as.
 *
 * @param url         as the app node lists it
 * @param kind        {@code page} or {@code webFile}
 * @param name        the page's name (pages)
 * @param language    the page's language code, where the site has several
 * @param expected    what an anonymous visitor should get: 200, or 302 (sign in) where the access rules restrict it
 * @param status      the status of the last answer (after redirects within the site)
 * @param redirectedTo the URL it ended at, where a redirect within the site was followed
 * @param outcome     what it counts as
 * @param why         what went wrong, or which access rule answer it was
 * @param notEmulated the features its HTML names as not emulated
 * @param millis      how long it took
 */
public record CheckResult(
        String url,
        String kind,
        String name,
        String language,
        int expected,
        int status,
        String redirectedTo,
        Outcome outcome,
        String why,
        List<String> notEmulated,
        long millis) {}
