package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.access.PageAccess;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.cache.WebFileContentCache;
import dev.powerpages.emulator.appnode.languages.LanguageRouting;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.pagetemplates.RewritePages;
import dev.powerpages.emulator.appnode.redirects.SiteRedirects;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.util.UriUtils;

/** Serves the website: every GET that is not one of the node's own endpoints. */
@Controller
class SiteController {

    /** Power Pages' site marker for the page shown when a URL has no page. */
    static final String PAGE_NOT_FOUND_MARKER = "Page Not Found";
    /** Power Pages' site marker for the page signed-in visitors see where a page is restricted from them. */
    static final String ACCESS_DENIED_MARKER = "Access Denied";
    /** Site setting that overrides the web files' {@code Cache-Control} (an emulator setting, seeded by the store). */
    static final String WEB_FILE_CACHE_CONTROL_SETTING = "WebFiles/Cache-Control";
    /** Site setting listing the pages a shared cache (the CDN) may keep, comma-separated URLs. */
    static final String CACHEABLE_PAGES_SETTING = "ContentDeliveryNetwork/CacheablePages";

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final SiteCache siteCache;
    private final WebFileContentCache webFileContents;
    private final PageRouter router;
    private final LiquidRenderer renderer;
    private final SiteProperties properties;

    SiteController(
            SiteCache siteCache,
            WebFileContentCache webFileContents,
            PageRouter router,
            LiquidRenderer renderer,
            SiteProperties properties) {
        this.siteCache = siteCache;
        this.webFileContents = webFileContents;
        this.router = router;
        this.renderer = renderer;
        this.properties = properties;
    }

    @GetMapping("/**")
    ResponseEntity<?> serve(HttpServletRequest request, HttpServletResponse response) {
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return unavailable("The site's metadata has not been loaded from the metadata store yet.");
        }
        String path = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
        String query = request.getQueryString();
        LanguageRouting.Resolution language = LanguageRouting.resolve(site, path, request);
        RequestInfo info = new RequestInfo(
                path,
                request.getRequestURL().toString() + (query == null ? "" : "?" + query),
                query,
                SiteUser.current(request).orElse(null),
                language.language());
        Route route = router.route(site, language.path(), language.language());
        if (route instanceof Route.ToWebFile toFile) {
            if (!PageAccess.canRead(site, toFile.file(), info.user())) {
                return denied(
                        site, info, info.user() == null ? PageAccess.Decision.SIGN_IN : PageAccess.Decision.FORBIDDEN);
            }
            return webFile(site, toFile.file(), new ServletWebRequest(request, response), response);
        }
        if (route instanceof Route.ToPage toPage) {
            return page(site, toPage.page(), info, language, request);
        }
        // Nothing at this URL: the redirects, the slash form, the page's former URLs, in the runtime's order.
        Optional<SiteRedirects.Redirect> redirect =
                SiteRedirects.match(site, language.path(), query, language.language());
        if (redirect.isPresent()) {
            return ResponseEntity.status(redirect.get().status())
                    .header(HttpHeaders.LOCATION, redirect.get().location())
                    .build();
        }
        if (route instanceof Route.ToCanonicalUrl canonical) {
            String location = language.codeInPath()
                    ? language.canonical(site.languages(), canonical.location())
                    : canonical.location();
            return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                    .header(
                            HttpHeaders.LOCATION,
                            UriUtils.encodePath(location, StandardCharsets.UTF_8) + (query == null ? "" : "?" + query))
                    .build();
        }
        Optional<SiteRedirects.Redirect> moved = SiteRedirects.history(site, language.path(), language.language());
        if (moved.isPresent()) {
            return ResponseEntity.status(moved.get().status())
                    .header(HttpHeaders.LOCATION, moved.get().location())
                    .build();
        }
        return notFound(site, info);
    }

    /**
     * A page: in the URL form the site uses (a multilingual site's page asked for in the other form is redirected,
     * 302, keeping the visitor's language in the {@code ContextLanguageCode} cookie), then its access rules, then
     * rendered.
     */
    private ResponseEntity<?> page(
            SiteSnapshot site,
            WebPage page,
            RequestInfo info,
            LanguageRouting.Resolution language,
            HttpServletRequest request) {
        String query = info.query() == null ? "" : "?" + info.query();
        if (site.languages().multilingual() && site.languages().codesInUrl() != language.codeInPath()) {
            // Where it leads depends on the visitor's cookie: never for a shared cache.
            ResponseEntity.BodyBuilder redirect = ResponseEntity.status(HttpStatus.FOUND)
                    .header(
                            HttpHeaders.LOCATION,
                            UriUtils.encodePath(
                                            language.canonical(site.languages(), language.path()),
                                            StandardCharsets.UTF_8)
                                    + query)
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
            languageCookie(redirect, info.language(), request, site);
            return redirect.build();
        }
        PageAccess.Decision decision = PageAccess.read(site, page, info.user());
        if (decision == PageAccess.Decision.ALLOWED
                && info.user() == null
                && site.pageTemplateOf(page).filter(RewritePages::isProfile).isPresent()) {
            decision = PageAccess.Decision.SIGN_IN; // the profile page is for signed-in visitors
        }
        if (decision != PageAccess.Decision.ALLOWED) {
            return denied(site, info, decision);
        }
        ResponseEntity<?> rendered = renderPage(site, page, info, HttpStatus.OK);
        if (site.languages().multilingual()
                && language.codeInPath()
                && !LanguageRouting.cookieNames(request, info.language())) {
            ResponseEntity.BodyBuilder withCookie = ResponseEntity.status(rendered.getStatusCode())
                    .headers(headers -> {
                        headers.putAll(rendered.getHeaders());
                        headers.setCacheControl(
                                "private, no-cache"); // a response that sets a cookie is the visitor's own
                    });
            languageCookie(withCookie, info.language(), request, site);
            return withCookie.body(rendered.getBody());
        }
        return rendered;
    }

    /**
     * A visitor a page or file is restricted from: anonymous visitors are sent to sign in and come back; signed-in
     * ones get the site's Access Denied page with 403, as Power Pages answers them.
     */
    private ResponseEntity<?> denied(SiteSnapshot site, RequestInfo info, PageAccess.Decision decision) {
        if (decision == PageAccess.Decision.SIGN_IN) {
            String returnUrl = info.path() + (info.query() == null ? "" : "?" + info.query());
            String signIn = site.localizedUrl("/SignIn", info.language()) + "?returnUrl="
                    + UriUtils.encode(returnUrl, StandardCharsets.UTF_8);
            return ResponseEntity.status(HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, signIn)
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                    .build();
        }
        return site.siteMarkerPage(ACCESS_DENIED_MARKER)
                .flatMap(page -> site.pages().localized(page, info.language()))
                .filter(WebPage::published)
                .<ResponseEntity<?>>map(page -> renderPage(site, page, info, HttpStatus.FORBIDDEN))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN)
                        .contentType(HTML)
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                        .body(ErrorPages.forbidden(info.path())));
    }

    private static void languageCookie(
            ResponseEntity.BodyBuilder response,
            WebsiteLanguage language,
            HttpServletRequest request,
            SiteSnapshot site) {
        if (language == null || language.code() == null) {
            return;
        }
        response.header(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(LanguageRouting.COOKIE, language.code())
                        .path("/")
                        .httpOnly(true)
                        .secure(request.isSecure())
                        .sameSite(SiteSettingHeaders.sameSite(site.settings(), LanguageRouting.COOKIE, "Lax"))
                        .build()
                        .toString());
    }

    private ResponseEntity<?> notFound(SiteSnapshot site, RequestInfo info) {
        return site.siteMarkerPage(PAGE_NOT_FOUND_MARKER)
                .flatMap(page -> site.pages().localized(page, info.language()))
                .filter(WebPage::published)
                .<ResponseEntity<?>>map(page -> renderPage(site, page, info, HttpStatus.NOT_FOUND))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .contentType(HTML)
                        .body(ErrorPages.notFound(info.path())));
    }

    private ResponseEntity<?> renderPage(SiteSnapshot site, WebPage page, RequestInfo info, HttpStatus status) {
        try {
            RenderedPage rendered = renderer.render(site, page, info);
            ResponseEntity.BodyBuilder response =
                    ResponseEntity.status(status).contentType(withUtf8(rendered.mimeType()));
            response.headers(SiteSettingHeaders.of(site.settings()));
            // A signed-in visitor's page may show who they are: never for a shared cache.
            response.header(
                    HttpHeaders.CACHE_CONTROL,
                    status == HttpStatus.OK && info.user() == null && cacheable(site, page)
                            ? "public, max-age="
                                    + properties.cacheablePageMaxAge().toSeconds()
                            // Pages may differ per visitor (user, request, business data): browsers only, revalidated.
                            : "private, no-cache");
            return response.body(rendered.body());
        } catch (TemplateRenderException ex) {
            String body = ErrorPages.templateError(ex.templateName(), ex.line(), ex.getMessage());
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .contentType(HTML)
                    .body(body);
        }
    }

    /**
     * Pages listed in {@code ContentDeliveryNetwork/CacheablePages} may be kept by shared caches for anonymous
     * visitors only. Compared case-insensitively, with a trailing slash.
     */
    private static boolean cacheable(SiteSnapshot site, WebPage page) {
        String listed = site.setting(CACHEABLE_PAGES_SETTING).orElse("");
        for (String url : listed.split(",")) {
            String normalised = url.strip();
            if (normalised.isEmpty()) {
                continue;
            }
            if (!normalised.startsWith("/")) {
                normalised = "/" + normalised;
            }
            if (!normalised.endsWith("/")) {
                normalised = normalised + "/";
            }
            if (normalised.equalsIgnoreCase(page.url())) {
                return true;
            }
        }
        return false;
    }

    private ResponseEntity<?> webFile(
            SiteSnapshot site, WebFile file, ServletWebRequest webRequest, HttpServletResponse response) {
        String etag = "\"" + DigestUtils.md5DigestAsHex(file.version().getBytes(StandardCharsets.UTF_8)) + "\"";
        long lastModified =
                file.lastModified() == null ? -1 : file.lastModified().toEpochMilli();
        String cacheControl = site.setting(WEB_FILE_CACHE_CONTROL_SETTING)
                .filter(value -> !value.isBlank())
                .orElse(properties.webFileCacheControl());
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        // Answer revalidations (If-None-Match / If-Modified-Since, RFC 9110 precedence) without fetching the bytes.
        if (webRequest.checkNotModified(etag, lastModified)) {
            return null;
        }
        byte[] content;
        try {
            content = webFileContents.content(file);
        } catch (StoreUnavailableException | HttpClientErrorException ex) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            return unavailable("The file cannot be read from the metadata store right now.");
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mimeType()))
                .eTag(etag);
        if (lastModified >= 0) {
            ok.lastModified(lastModified);
        }
        return ok.body(content);
    }

    private static MediaType withUtf8(String mimeType) {
        MediaType type = MediaType.parseMediaType(mimeType);
        return type.getCharset() == null ? new MediaType(type, StandardCharsets.UTF_8) : type;
    }

    private static ResponseEntity<String> unavailable(String why) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(HTML)
                .body(ErrorPages.siteUnavailable(why));
    }
}
