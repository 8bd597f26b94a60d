package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.antiforgery.AntiForgery;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.render.RenderedPage;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * A form's post to its page, once the page is known: the form the post names ({@code __pp_form}) submits it, and the
 * answer is the page rendered again with the outcome — validation summary and the visitor's values, or the success
 * message — or the redirect the form asks for on success. Public so that the site's own page routing (languages,
 * access rules) can hand posts here.
 */
@Component
public class FormPosts {

    private final LiquidRenderer renderer;
    private final BasicForms basicForms;
    private final MultistepForms multistepForms;
    private final AntiForgery antiForgery;

    FormPosts(LiquidRenderer renderer, BasicForms basicForms, MultistepForms multistepForms, AntiForgery antiForgery) {
        this.antiForgery = antiForgery;
        this.renderer = renderer;
        this.basicForms = basicForms;
        this.multistepForms = multistepForms;
    }

    public ResponseEntity<String> submit(
            SiteSnapshot site, WebPage page, RequestInfo info, HttpServletRequest request) {
        String key = request.getParameter(BasicForms.KEY_FIELD);
        if (key == null) {
            return FormSubmitController.page(HttpStatus.BAD_REQUEST, "This post names no form of the page.");
        }
        Map<String, String[]> parameters = request.getParameterMap();
        boolean tokenValid = antiForgery.valid(request, request.getParameter(AntiForgery.NAME));
        FormDefinitions forms = FormDefinitions.of(site);
        Submitted submitted;
        try {
            if (key.startsWith("entityform:")) {
                Optional<FormSettings> form = forms.basicForm(key.substring("entityform:".length()), null);
                if (form.isEmpty()) {
                    return FormSubmitController.page(
                            HttpStatus.BAD_REQUEST, "The form this post names is not on the site.");
                }
                submitted = basicForms.submit(site, info.user(), form.get(), info.query(), parameters, tokenValid);
            } else if (key.startsWith("webform:")) {
                Optional<MultistepForm> form = forms.multistepForm(key.substring("webform:".length()), null);
                if (form.isEmpty()) {
                    return FormSubmitController.page(
                            HttpStatus.BAD_REQUEST, "The form this post names is not on the site.");
                }
                submitted = multistepForms.submit(site, info.user(), form.get(), info.query(), parameters, tokenValid);
            } else {
                return FormSubmitController.page(HttpStatus.BAD_REQUEST, "This post names no form of the page.");
            }
        } catch (StoreUnavailableException ex) {
            return FormSubmitController.page(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The form could not be saved: the data is unavailable. Please try again later.");
        }
        if (submitted.redirect() != null) {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, submitted.redirect())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        }
        // The render thread sees the request's attributes (RenderThreads): the form tag finds its outcome there.
        request.setAttribute(FormOutcome.ATTRIBUTE, submitted.outcome());
        try {
            RenderedPage rendered = renderer.render(site, page, info);
            MediaType type = MediaType.parseMediaType(rendered.mimeType());
            return ResponseEntity.status(submitted.status())
                    .contentType(
                            type.getCharset() == null
                                    ? new MediaType(type, java.nio.charset.StandardCharsets.UTF_8)
                                    : type)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(rendered.body());
        } catch (TemplateRenderException ex) {
            return FormSubmitController.page(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "The page's web template " + ex.templateName() + " could not be rendered: " + ex.getMessage());
        }
    }
}
