package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.antiforgery.AntiForgery;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes a form in the markup Power Pages writes, so that a site's CSS and scripts find their classes and ids:
 * the {@code liquid_form} form, {@code EntityFormControl_<id>_EntityFormView} with its
 * {@code ValidationSummaryEntityFormControl_<id>_EntityFormView}, a {@code section} table of cells each with
 * {@code <label for="x" id="x_label" class="field-label">} and {@code <div class="control">}, the {@code actions}
 * bar with {@code InsertButton}/{@code UpdateButton} (basic forms) or {@code PreviousButton}/{@code NextButton}
 * (multistep forms), and {@code MessagePanel} for the success message. The ids are the form's GUID without dashes,
 * as Power Pages writes them. Everything a visitor or the store wrote is HTML-encoded.
 */
final class FormMarkup {

    /** Power Pages' heading of the validation summary (overridden by {@code adx_validationsummaryheadertext}). */
    static final String VALIDATION_HEADER = "The form could not be submitted for the following reasons:";

    static final String DEFAULT_SUCCESS = "Submission completed successfully.";

    private FormMarkup() {}

    /** One button of the actions bar. */
    record Button(String name, String label, String cssClass) {}

    /**
     * @param hidden   the hidden fields besides the token (which form posted, a multistep form's progress)
     * @param readOnly a ReadOnly form: controls read-only, no buttons
     * @param progress a multistep form's step titles and the current one's index, or {@code null}
     */
    static String form(
            String formId,
            String action,
            String token,
            Map<String, String> hidden,
            FormSettings settings,
            List<FormField> fields,
            List<FormOutcome.Message> errors,
            boolean readOnly,
            List<Button> buttons,
            Progress progress) {
        String id = formId.replace("-", "");
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"entity-form\"><form method=\"post\" action=\"")
                .append(e(action))
                .append("\" id=\"liquid_form\" novalidate=\"novalidate\">");
        html.append("<input type=\"hidden\" name=\"")
                .append(AntiForgery.NAME)
                .append("\" value=\"")
                .append(e(token))
                .append("\">");
        hidden.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"")
                .append(e(name))
                .append("\" value=\"")
                .append(e(value))
                .append("\">"));
        if (progress != null) {
            html.append("<div class=\"progress-indicator\"><ol class=\"progress list-group top\">");
            for (int i = 0; i < progress.titles().size(); i++) {
                String state = i < progress.current()
                        ? " list-group-item-success"
                        : i == progress.current() ? " active" : " incomplete";
                html.append("<li class=\"list-group-item")
                        .append(state)
                        .append("\">")
                        .append(e(progress.titles().get(i)))
                        .append("</li>");
            }
            html.append("</ol></div>");
        }
        html.append("<div id=\"EntityFormPanel\">");
        html.append("<div id=\"EntityFormControl_")
                .append(id)
                .append("_EntityFormView\" class=\"")
                .append(readOnly ? "form-readonly entity-form" : "entity-form")
                .append("\"")
                .append(readOnly ? " readonly=\"readonly\">" : ">");
        validationSummary(html, id, settings, errors);
        if (settings.instructions() != null) {
            html.append("<div class=\"instructions\">")
                    .append(settings.instructions())
                    .append("</div>");
        }
        html.append("<div class=\"tab clearfix\"><div class=\"tab-column\"><fieldset aria-label=\"")
                .append(e(settings.name()))
                .append("\"><table role=\"presentation\" data-name=\"")
                .append(e(settings.table()))
                .append("\" class=\"section\">");
        for (FormField field : fields) {
            html.append("<tr>");
            cell(html, field, readOnly, errors);
            html.append("</tr>");
        }
        html.append("</table></fieldset></div></div>");
        html.append("<div class=\"actions\">");
        if (!readOnly) {
            for (Button button : buttons) {
                html.append("<input type=\"submit\" name=\"")
                        .append(button.name())
                        .append("\" value=\"")
                        .append(e(button.label()))
                        .append("\" id=\"")
                        .append(button.name())
                        .append("\" class=\"")
                        .append(button.cssClass())
                        .append("\">");
            }
        }
        html.append("</div></div></div></form></div>");
        return html.toString();
    }

    /** The success message in place of (or above) the form, as {@code MessagePanel}. */
    static String success(String message) {
        return "<div id=\"MessagePanel\" class=\"message success alert alert-success\" role=\"alert\">"
                + (message == null ? DEFAULT_SUCCESS : message) + "</div>";
    }

    /** A message in place of the form: permission refused, record not found, store unavailable. */
    static String alert(String message) {
        return "<div class=\"entity-form\"><div class=\"alert alert-block alert-danger\" role=\"alert\">" + e(message)
                + "</div></div>";
    }

    /** A multistep form's step titles and which one is shown. */
    record Progress(List<String> titles, int current) {}

    private static void validationSummary(
            StringBuilder html, String id, FormSettings settings, List<FormOutcome.Message> errors) {
        html.append("<div id=\"ValidationSummaryEntityFormControl_")
                .append(id)
                .append(
                        "_EntityFormView\" class=\"validation-summary alert alert-error alert-danger alert-block\" role=\"alert\"");
        if (errors.isEmpty()) {
            html.append(" style=\"display:none;\"></div>");
            return;
        }
        String header =
                settings.validationSummaryHeader() == null ? VALIDATION_HEADER : settings.validationSummaryHeader();
        html.append("><h2 class=\"validation-header\"><span role=\"presentation\" class=\"fa fa-info-circle\"></span> ")
                .append(e(header))
                .append("</h2><ul role=\"presentation\">");
        for (FormOutcome.Message error : errors) {
            html.append("<li>");
            if (error.field() != null) {
                html.append("<a href=\"#")
                        .append(e(error.field()))
                        .append("_label\" referencecontrolid=\"")
                        .append(e(error.field()))
                        .append("\" onclick=\"javascript:scrollToAndFocus('")
                        .append(e(error.field()))
                        .append("_label','")
                        .append(e(error.field()))
                        .append("');return false;\">")
                        .append(e(error.text()))
                        .append("</a>");
            } else {
                html.append(e(error.text()));
            }
            html.append("</li>");
        }
        html.append("</ul></div>");
    }

    private static void cell(StringBuilder html, FormField field, boolean readOnly, List<FormOutcome.Message> errors) {
        String name = e(field.column());
        boolean invalid = errors.stream().anyMatch(error -> field.column().equals(error.field()));
        html.append("<td colspan=\"1\" rowspan=\"1\" class=\"clearfix cell ")
                .append(field.kind())
                .append("-cell form-control-cell")
                .append(field.cssClass() == null ? "" : " " + e(field.cssClass()))
                .append("\">");
        html.append("<div class=\"table-info")
                .append(field.required() && !readOnly ? " required" : "")
                .append("\">");
        html.append("<label for=\"")
                .append(name)
                .append("\" id=\"")
                .append(name)
                .append("_label\" class=\"field-label\">")
                .append(e(field.label()))
                .append("</label>");
        if (field.description() != null) {
            html.append("<div class=\"description above\">")
                    .append(e(field.description()))
                    .append("</div>");
        }
        html.append("</div><div class=\"control\">");
        String value = field.value() == null ? "" : field.value();
        if (field.bool()) {
            html.append("<span class=\"checkbox\"><input id=\"")
                    .append(name)
                    .append("\" type=\"checkbox\" name=\"")
                    .append(name)
                    .append("\" value=\"true\"")
                    .append("true".equalsIgnoreCase(value) ? " checked=\"checked\"" : "")
                    .append(readOnly ? " disabled=\"disabled\"" : "")
                    .append("></span>");
        } else {
            html.append("<input name=\"")
                    .append(name)
                    .append("\" type=\"text\" value=\"")
                    .append(e(value))
                    .append("\" id=\"")
                    .append(name)
                    .append("\" class=\"text ")
                    .append(field.kind().equals("text") ? "" : field.kind() + " ")
                    .append("form-control")
                    .append(readOnly ? " readonly" : "")
                    .append("\"");
            if (field.dateTime()) {
                html.append(" data-type=\"datetime\" placeholder=\"yyyy-mm-dd\"");
            }
            if (readOnly) {
                html.append(" readonly=\"readonly\"");
            } else if (field.required()) {
                html.append(" aria-required=\"true\" title=\"")
                        .append(e(requiredMessage(field)))
                        .append("\"");
            }
            if (invalid) {
                html.append(" aria-invalid=\"true\"");
            }
            html.append(" aria-label=\"").append(e(field.label())).append("\">");
        }
        html.append("</div></td>");
    }

    /** Power Pages' required-field message, or the one the field's metadata sets. */
    static String requiredMessage(FormField field) {
        return field.requiredMessage() != null ? field.requiredMessage() : field.label() + " is a required field.";
    }

    static String e(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
