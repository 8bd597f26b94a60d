package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Posts to the site's pages: Power Pages' forms post back to their own page (ASP.NET Web Forms). This finds the page
 * and hands the post to {@link FormPosts}. Posts to the node's own paths ({@code /_api}, {@code /SignIn},
 * {@code /_services}) go to their more specific handlers, never here.
 */
@Controller
class FormSubmitController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private static final java.util.regex.Pattern LANGUAGE_CODE =
            java.util.regex.Pattern.compile("/[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*/");

    private final SiteCache siteCache;
    private final FormPosts posts;

    FormSubmitController(SiteCache siteCache, FormPosts posts) {
        this.siteCache = siteCache;
        this.posts = posts;
    }

    @PostMapping("/**")
    ResponseEntity<String> submit(HttpServletRequest request) {
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return page(HttpStatus.SERVICE_UNAVAILABLE, "The site is not available yet. Please try again in a moment.");
        }
        String path = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
        Optional<WebPage> page = site.pageByUrl(path)
                .or(() -> withoutLanguageCode(path).flatMap(site::pageByUrl))
                .filter(WebPage::published);
        if (page.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "There is no page at " + path + " to post a form to.");
        }
        SiteUser user = SiteUser.current(request).orElse(null);
        RequestInfo info = new RequestInfo(
                path,
                request.getRequestURL().toString()
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString()),
                request.getQueryString(),
                user);
        return posts.submit(site, page.get(), info, request);
    }

    /**
     * A multilingual site's page URL without its language code ({@code /en-US/contact/} → {@code /contact/}). The
     * page router of the GET side knows the site's languages; until posts are routed by it, a leading segment shaped
     * like a language code is tried off.
     */
    static Optional<String> withoutLanguageCode(String path) {
        java.util.regex.Matcher matcher = LANGUAGE_CODE.matcher(path);
        return matcher.lookingAt() ? Optional.of(path.substring(matcher.end() - 1)) : Optional.empty();
    }

    static ResponseEntity<String> page(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(HTML)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.value()
                        + "</title></head>"
                        + "<body><h1>" + status.value() + " " + HtmlUtils.htmlEscape(status.getReasonPhrase())
                        + "</h1><p>"
                        + HtmlUtils.htmlEscape(message) + "</p></body></html>");
    }
}
