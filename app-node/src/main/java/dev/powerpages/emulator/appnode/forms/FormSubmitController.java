package dev.powerpages.emulator.appnode.forms;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.render.RenderedPage;
import dev.powerpages.emulator.appnode.render.RequestInfo;
import dev.powerpages.emulator.appnode.render.TemplateRenderException;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The post of a form: Power Pages' forms post back to their own page (ASP.NET Web Forms), and the answer is that
 * page rendered again with the form's outcome — validation summary and the visitor's values, or the success
 * message — or the redirect the form asks for on success. Posts to the node's own paths ({@code /_api},
 * {@code /SignIn}, {@code /_services}) go to their more specific handlers, never here.
 */
@Controller
class FormSubmitController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final SiteCache siteCache;
    private final LiquidRenderer renderer;
    private final BasicForms basicForms;
    private final MultistepForms multistepForms;

    FormSubmitController(SiteCache siteCache, LiquidRenderer renderer, BasicForms basicForms, MultistepForms multistepForms) {
        this.siteCache = siteCache;
        this.renderer = renderer;
        this.basicForms = basicForms;
        this.multistepForms = multistepForms;
    }

    @PostMapping("/**")
    ResponseEntity<String> submit(HttpServletRequest request) {
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return page(HttpStatus.SERVICE_UNAVAILABLE, "The site is not available yet. Please try again in a moment.");
        }
        String path = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
        Optional<WebPage> page = site.pageByUrl(path).filter(WebPage::published);
        if (page.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "There is no page at " + path + " to post a form to.");
        }
        String key = request.getParameter(BasicForms.KEY_FIELD);
        if (key == null) {
            return page(HttpStatus.BAD_REQUEST, "This post names no form of the page.");
        }
        SiteUser user = SiteUser.current(request).orElse(null);
        Map<String, String[]> parameters = request.getParameterMap();
        FormDefinitions forms = FormDefinitions.of(site);
        Submitted submitted;
        try {
            if (key.startsWith("entityform:")) {
                Optional<FormSettings> form = forms.basicForm(key.substring("entityform:".length()), null);
                if (form.isEmpty()) {
                    return page(HttpStatus.BAD_REQUEST, "The form this post names is not on the site.");
                }
                submitted = basicForms.submit(site, user, form.get(), request.getQueryString(), parameters);
            }
            else if (key.startsWith("webform:")) {
                Optional<MultistepForm> form = forms.multistepForm(key.substring("webform:".length()), null);
                if (form.isEmpty()) {
                    return page(HttpStatus.BAD_REQUEST, "The form this post names is not on the site.");
                }
                submitted = multistepForms.submit(site, user, form.get(), request.getQueryString(), parameters);
            }
            else {
                return page(HttpStatus.BAD_REQUEST, "This post names no form of the page.");
            }
        }
        catch (StoreUnavailableException ex) {
            return page(HttpStatus.SERVICE_UNAVAILABLE, "The form could not be saved: the data is unavailable. Please try again later.");
        }
        if (submitted.redirect() != null) {
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, submitted.redirect())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        request.setAttribute(FormOutcome.ATTRIBUTE, submitted.outcome());
        RequestInfo info = new RequestInfo(path, request.getRequestURL().toString()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()), request.getQueryString(), user);
        try {
            RenderedPage rendered = renderer.render(site, page.get(), info);
            return ResponseEntity.status(submitted.status())
                    .contentType(MediaType.parseMediaType(rendered.mimeType().contains("charset") ? rendered.mimeType()
                            : rendered.mimeType() + ";charset=UTF-8"))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(rendered.body());
        }
        catch (TemplateRenderException ex) {
            return page(HttpStatus.INTERNAL_SERVER_ERROR, "The page's web template " + ex.templateName() + " could not be rendered: "
                    + ex.getMessage());
        }
    }

    private static ResponseEntity<String> page(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(HTML).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.value() + "</title></head>"
                        + "<body><h1>" + status.value() + " " + HtmlUtils.htmlEscape(status.getReasonPhrase()) + "</h1><p>"
                        + HtmlUtils.htmlEscape(message) + "</p></body></html>");
    }
}
