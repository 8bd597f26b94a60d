package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.liquid.TagParameters;
import java.util.Map;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.nodes.LNode;
import liqp.tags.Tag;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.util.HtmlUtils;

/**
 * Power Pages' form tags ("Dataverse Liquid tags"): {@code {% entityform name:'Contact Us' %}} (or {@code id:}) renders
 * a basic form, {@code {% webform name:'Application' %}} a multistep form. A name the site has no form of renders an
 * HTML comment saying so, not an error, so the rest of the page still renders.
 */
@Component
class FormTags implements LiquidExtension {

    private final BasicForms basicForms;
    private final MultistepForms multistepForms;

    FormTags(BasicForms basicForms, MultistepForms multistepForms) {
        this.basicForms = basicForms;
        this.multistepForms = multistepForms;
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withTag(new Tag("entityform") {
            @Override
            public Object render(TemplateContext context, LNode... nodes) {
                Map<String, Object> parameters = TagParameters.parse(context, nodes);
                RenderScope scope = RenderScope.of(context);
                return FormDefinitions.of(scope.site())
                        .basicForm(TagParameters.text(parameters, "id"), TagParameters.text(parameters, "name"))
                        .map(form -> basicForms.render(scope, form, outcome(BasicForms.key(form))))
                        .orElseGet(() -> missing("entityform", parameters));
            }
        });
        parser.withTag(new Tag("webform") {
            @Override
            public Object render(TemplateContext context, LNode... nodes) {
                Map<String, Object> parameters = TagParameters.parse(context, nodes);
                RenderScope scope = RenderScope.of(context);
                return FormDefinitions.of(scope.site())
                        .multistepForm(TagParameters.text(parameters, "id"), TagParameters.text(parameters, "name"))
                        .map(form -> multistepForms.render(scope, form, outcome(MultistepForms.key(form))))
                        .orElseGet(() -> missing("webform", parameters));
            }
        });
    }

    /** The post this render answers, if it was this form's (set by {@link FormSubmitController}). */
    private static FormOutcome outcome(String formKey) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object outcome =
                request == null ? null : request.getAttribute(FormOutcome.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return outcome instanceof FormOutcome posted && posted.formKey().equals(formKey) ? posted : null;
    }

    private static String missing(String tag, Map<String, Object> parameters) {
        Object which = parameters.getOrDefault("name", parameters.get("id"));
        return "<!-- " + tag + ": the site has no form "
                + HtmlUtils.htmlEscape(String.valueOf(which)).replace("--", "- -") + " -->";
    }
}
