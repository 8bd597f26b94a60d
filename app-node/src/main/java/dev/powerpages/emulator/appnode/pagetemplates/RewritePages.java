package dev.powerpages.emulator.appnode.pagetemplates;

import dev.powerpages.emulator.appnode.site.PageTemplate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrite page templates ({@code adx_type} 756150000): Power Pages hands such a page to one of its own pages named
 * by {@code adx_rewriteurl} — {@code ~/Pages/AccessDenied.aspx}, {@code ~/Pages/Profile.aspx},
 * {@code ~/Pages/Search.aspx} in the sites Microsoft ships. The emulator renders them with the template named after
 * that page — {@code ~/Pages/<Name>.aspx} → the template {@code <Name>}, except {@code Search.aspx} → {@code Search
 * Results} (the search feature's results page; its {@code Search} is the header's search box) — a site's own web
 * template of that name first, else the runtime's built-in one, inside the site's layout when the page template uses
 * the website's header and footer.
 */
public final class RewritePages {

    /** The built-in that renders Power Pages' profile page; visitors must be signed in to see it. */
    public static final String PROFILE = "Profile";

    private RewritePages() {}

    /** Runtime pages whose template has another name than the page's. */
    private static final Map<String, String> TEMPLATE_NAMES = Map.of("search", "Search Results");

    /** The template name for a rewrite URL ({@code ~/Pages/Profile.aspx} → {@code Profile}). */
    public static Optional<String> builtInName(PageTemplate template) {
        String rewrite = template.rewriteUrl();
        if (rewrite == null || rewrite.isBlank()) {
            return Optional.empty();
        }
        String path = rewrite.strip();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.toLowerCase(Locale.ROOT).endsWith(".aspx")) {
            name = name.substring(0, name.length() - ".aspx".length());
        }
        if (name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(TEMPLATE_NAMES.getOrDefault(name.toLowerCase(Locale.ROOT), name));
    }

    /** Whether the page template is the runtime's profile page (which asks anonymous visitors to sign in). */
    public static boolean isProfile(PageTemplate template) {
        return !template.rendersWebTemplate()
                && builtInName(template).filter(PROFILE::equalsIgnoreCase).isPresent();
    }
}
