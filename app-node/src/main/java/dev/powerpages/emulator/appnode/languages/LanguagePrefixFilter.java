package dev.powerpages.emulator.appnode.languages;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On a site with language codes in its URLs, Power Pages' own pages are addressed with the code too
 * ({@code website.sign_in_url} is {@code /en-US/SignIn?returnUrl=…}, Microsoft Learn, Liquid objects, "website"):
 * {@code /<code>/SignIn} and {@code /<code>/Account/…} are served by the node's sign-in endpoints, as if asked
 * without the code.
 */
@Component
class LanguagePrefixFilter extends OncePerRequestFilter {

    private final SiteCache siteCache;

    LanguagePrefixFilter(SiteCache siteCache) {
        this.siteCache = siteCache;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/_") || path.startsWith("/actuator") || path.indexOf('/', 1) < 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        int end = path.indexOf('/', 1);
        String rest = path.substring(end);
        String lower = rest.toLowerCase(Locale.ROOT);
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site != null
                && (lower.equals("/signin") || lower.startsWith("/account/"))
                && site.languages().byCode(path.substring(1, end)).isPresent()) {
            request.getRequestDispatcher(lower.equals("/signin") ? "/SignIn" : rest)
                    .forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
