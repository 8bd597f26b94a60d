package dev.powerpages.emulator.appnode.render;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.cache.WebFileContentCache;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
    /** Site setting that overrides the web files' {@code Cache-Control} (an emulator setting, seeded by the store). */
    static final String WEB_FILE_CACHE_CONTROL_SETTING = "WebFiles/Cache-Control";
    /** Site setting listing the pages a shared cache (the CDN) may keep, comma-separated URLs. */
    static final String CACHEABLE_PAGES_SETTING = "ContentDeliveryNetwork/CacheablePages";
    /** Power Pages sends site settings named {@code HTTP/<header>} as response headers of its pages. */
    static final String HTTP_HEADER_SETTING_PREFIX = "HTTP/";

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final SiteCache siteCache;
    private final WebFileContentCache webFileContents;
    private final PageRouter router;
    private final LiquidRenderer renderer;
    private final SiteProperties properties;

    SiteController(SiteCache siteCache, WebFileContentCache webFileContents, PageRouter router,
            LiquidRenderer renderer, SiteProperties properties) {
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
        RequestInfo info = new RequestInfo(path, request.getRequestURL().toString()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()), request.getQueryString(),
                SiteUser.current(request).orElse(null));
        Route route = router.route(site, path);
        if (route instanceof Route.ToPage toPage) {
            return renderPage(site, toPage.page(), info, HttpStatus.OK);
        }
        if (route instanceof Route.ToWebFile toFile) {
            return webFile(site, toFile.file(), new ServletWebRequest(request, response), response);
        }
        if (route instanceof Route.ToCanonicalUrl redirect) {
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                    .header(HttpHeaders.LOCATION, UriUtils.encodePath(redirect.location(), StandardCharsets.UTF_8) + query)
                    .build();
        }
        return notFound(site, info);
    }

    private ResponseEntity<?> notFound(SiteSnapshot site, RequestInfo info) {
        return site.siteMarkerPage(PAGE_NOT_FOUND_MARKER).filter(WebPage::published)
                .<ResponseEntity<?>>map(page -> renderPage(site, page, info, HttpStatus.NOT_FOUND))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                        .body(ErrorPages.notFound(info.path())));
    }

    private ResponseEntity<?> renderPage(SiteSnapshot site, WebPage page, RequestInfo info, HttpStatus status) {
        try {
            RenderedPage rendered = renderer.render(site, page, info);
            ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(withUtf8(rendered.mimeType()));
            site.settings().forEach((name, value) -> {
                if (name.regionMatches(true, 0, HTTP_HEADER_SETTING_PREFIX, 0, HTTP_HEADER_SETTING_PREFIX.length())
                        && name.length() > HTTP_HEADER_SETTING_PREFIX.length() && !value.isBlank()
                        && !name.substring(HTTP_HEADER_SETTING_PREFIX.length()).equalsIgnoreCase(HttpHeaders.CACHE_CONTROL)) {
                    response.header(name.substring(HTTP_HEADER_SETTING_PREFIX.length()), value);
                }
            });
            // A signed-in visitor's page may show who they are: never for a shared cache.
            response.header(HttpHeaders.CACHE_CONTROL, status == HttpStatus.OK && info.user() == null && cacheable(site, page)
                    ? "public, max-age=" + properties.cacheablePageMaxAge().toSeconds()
                    // Pages may differ per visitor (user, request, business data): browsers only, revalidated.
                    : "private, no-cache");
            return response.body(rendered.body());
        }
        catch (TemplateRenderException ex) {
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

    private ResponseEntity<?> webFile(SiteSnapshot site, WebFile file, ServletWebRequest webRequest,
            HttpServletResponse response) {
        String etag = "\"" + DigestUtils.md5DigestAsHex(file.version().getBytes(StandardCharsets.UTF_8)) + "\"";
        long lastModified = file.lastModified() == null ? -1 : file.lastModified().toEpochMilli();
        String cacheControl = site.setting(WEB_FILE_CACHE_CONTROL_SETTING).filter(value -> !value.isBlank())
                .orElse(properties.webFileCacheControl());
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        // Answer revalidations (If-None-Match / If-Modified-Since, RFC 9110 precedence) without fetching the bytes.
        if (webRequest.checkNotModified(etag, lastModified)) {
            return null;
        }
        byte[] content;
        try {
            content = webFileContents.content(file);
        }
        catch (StoreUnavailableException | HttpClientErrorException ex) {
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
