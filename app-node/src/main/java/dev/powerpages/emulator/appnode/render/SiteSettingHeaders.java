package dev.powerpages.emulator.appnode.render;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;

/**
 * The site settings Power Pages turns into response headers of its pages, and the cookie settings that share their
 * {@code HTTP/} prefix.
 *
 * <p>Headers: only those Microsoft Learn lists ("Configure HTTP headers in Power Pages", the CORS page):
 * {@code HTTP/Access-Control-Allow-Credentials}, {@code -Allow-Headers}, {@code -Allow-Methods}, {@code -Allow-Origin},
 * {@code -Expose-Headers}, {@code -Max-Age}, {@code HTTP/Content-Security-Policy}, {@code -Report-Only},
 * {@code HTTP/X-Frame-Options} and {@code HTTP/X-Content-Type-Options}. Any other {@code HTTP/...} setting is not a
 * header: the platform does not recognise it (its {@code Cache-Control} is its own, the FAQ of that page says), and
 * a name such as {@code HTTP/SameSite/Default} would not even be a valid header name.
 *
 * <p>Cookies: {@code HTTP/SameSite/Default} and {@code HTTP/SameSite/<cookie name>} set the {@code SameSite}
 * attribute ({@code None}, {@code Lax}, {@code Strict}) of the site's cookies, all of them or one by name (Power Apps
 * portals 9.3.6, "SameSite mode and its use when hosting your portal in an iframe").
 */
final class SiteSettingHeaders {

    static final String PREFIX = "HTTP/";
    static final String SAME_SITE_PREFIX = PREFIX + "SameSite/";
    static final String SAME_SITE_DEFAULT = SAME_SITE_PREFIX + "Default";

    /** The documented headers, by their lower-case name, as each is written. */
    private static final Map<String, String> DOCUMENTED = documented(
            "Access-Control-Allow-Credentials",
            "Access-Control-Allow-Headers",
            "Access-Control-Allow-Methods",
            "Access-Control-Allow-Origin",
            "Access-Control-Expose-Headers",
            "Access-Control-Max-Age",
            "Content-Security-Policy",
            "Content-Security-Policy-Report-Only",
            "X-Frame-Options",
            "X-Content-Type-Options");

    private static final Set<String> SAME_SITE_VALUES = Set.of("None", "Lax", "Strict");

    private SiteSettingHeaders() {}

    /** The headers a page of a site with these settings carries (setting names match without regard to case). */
    static HttpHeaders of(Map<String, String> settings) {
        HttpHeaders headers = new HttpHeaders();
        settings.forEach((name, value) -> {
            if (name.length() > PREFIX.length()
                    && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    && value != null
                    && !value.isBlank()) {
                String header = DOCUMENTED.get(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
                // A value with a line break would split the response: not sent, as no browser could read it.
                if (header != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
                    headers.set(header, value.strip());
                }
            }
        });
        return headers;
    }

    /**
     * The {@code SameSite} attribute the site asks for a cookie: its own setting, else the site's default, else
     * {@code fallback}. An unknown value is ignored (a browser would ignore it too).
     */
    static String sameSite(Map<String, String> settings, String cookieName, String fallback) {
        return setting(settings, SAME_SITE_PREFIX + cookieName)
                .or(() -> setting(settings, SAME_SITE_DEFAULT))
                .orElse(fallback);
    }

    private static Optional<String> setting(Map<String, String> settings, String name) {
        return settings.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null)
                .map(entry -> entry.getValue().strip())
                .flatMap(value -> SAME_SITE_VALUES.stream().filter(value::equalsIgnoreCase))
                .findFirst();
    }

    private static Map<String, String> documented(String... names) {
        Map<String, String> byLowerCase = new TreeMap<>();
        for (String name : names) {
            byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(byLowerCase);
    }
}
