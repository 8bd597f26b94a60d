package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.antiforgery.AntiForgery;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import dev.powerpages.emulator.appnode.tables.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Basic forms ({@code adx_entityform}): rendered by {@code {% entityform %}} and submitted by a post of the page
 * (Microsoft Learn, "Basic forms" and "Configure a basic form"): Insert creates a row, Edit updates the row the
 * query string names, ReadOnly shows it; table permissions apply when the form enables them; on success the form
 * shows its success message (and hides itself if it says so) or redirects to its URL or web page, with the new
 * record's id appended when asked ({@code ?id=<guid>}).
 *
 * <p>Not emulated: the Dataverse form's layout (tabs, sections, the form's own choice of columns — its form XML is
 * not in a site folder: every column of the table a visitor may fill is shown, labelled by the metadata or by its
 * logical name), lookups, file attachments, CAPTCHA, geolocation, the Record Associated to Current Portal User
 * source, and "Associate Current Portal User".
 */
@Component
public class BasicForms {

    static final String KEY_FIELD = "__pp_form";
    static final String PERMISSION_DENIED = "You don't have the appropriate permissions.";
    static final String RECORD_NOT_FOUND = "The record you're looking for can't be found.";
    static final String UNAVAILABLE =
            "This form cannot be shown right now: the data is unavailable. Please try again later.";
    static final String EXPIRED = "The form has expired or was not sent by this site. Please submit it again.";

    private final FormEngine engine;
    private final AntiForgery antiForgery;
    private final UnsupportedLiquid unsupported;

    BasicForms(FormEngine engine, AntiForgery antiForgery, UnsupportedLiquid unsupported) {
        this.engine = engine;
        this.antiForgery = antiForgery;
        this.unsupported = unsupported;
    }

    static String key(FormSettings form) {
        return "entityform:" + form.id();
    }

    /** The form's markup for this render; {@code outcome} is the post this render answers, if it was this form's. */
    String render(RenderScope scope, FormSettings form, FormOutcome outcome) {
        if (outcome != null && outcome.succeeded() && form.hideFormOnSuccess()) {
            return FormMarkup.success(outcome.success());
        }
        SiteUser user = scope.request().user();
        try {
            Optional<Table> table = engine.table(form.table());
            if (table.isEmpty()) {
                return unsupported.use(
                        scope.site().websiteId(), "entityform on table " + form.table() + " (not in the store)");
            }
            if (form.sourceType() == FormSettings.SOURCE_ASSOCIATED_TO_USER && form.mode() != FormSettings.INSERT) {
                return unsupported.use(
                        scope.site().websiteId(),
                        "entityform record source 'Record Associated to Current Portal User'");
            }
            String recordId = form.mode() == FormSettings.INSERT
                    ? null
                    : engine.recordId(form, user, scope.request().query());
            FormAccess access = FormAccess.of(scope.site(), user, form);
            if (form.mode() != FormSettings.INSERT && recordId == null) {
                return FormMarkup.alert(
                        form.recordNotFoundMessage() != null ? form.recordNotFoundMessage() : RECORD_NOT_FOUND);
            }
            if (!access.allows(form.mode(), recordId)) {
                return FormMarkup.alert(PERMISSION_DENIED);
            }
            Map<String, String> values;
            if (outcome != null && !outcome.succeeded() && !outcome.values().isEmpty()) {
                values = outcome.values();
            } else if (recordId != null) {
                Optional<Map<String, String>> record = engine.record(table.get(), recordId);
                if (record.isEmpty()) {
                    return FormMarkup.alert(
                            form.recordNotFoundMessage() != null ? form.recordNotFoundMessage() : RECORD_NOT_FOUND);
                }
                values = record.get();
            } else {
                values = engine.initialValues(form, user);
            }
            List<FormField> fields = engine.fields(form, table.get(), values);
            boolean readOnly = form.mode() == FormSettings.READ_ONLY;
            String button = form.mode() == FormSettings.EDIT ? "UpdateButton" : "InsertButton";
            String label = form.submitButtonText() != null ? form.submitButtonText() : "Submit";
            Map<String, String> hidden = new LinkedHashMap<>();
            hidden.put(KEY_FIELD, key(form));
            String markup = FormMarkup.form(
                    form.id(),
                    action(scope),
                    antiForgery.requestTokenForCurrentRequest(),
                    hidden,
                    form,
                    fields,
                    outcome == null ? List.of() : outcome.errors(),
                    readOnly,
                    List.of(new FormMarkup.Button(button, label, "btn btn-primary button submit-btn")),
                    null);
            return outcome != null && outcome.succeeded() ? FormMarkup.success(outcome.success()) + markup : markup;
        } catch (StoreUnavailableException | HttpClientErrorException ex) {
            return FormMarkup.alert(UNAVAILABLE);
        }
    }

    /** A post of the form: validated, checked against table permissions, written through the store. */
    Submitted submit(
            SiteSnapshot site,
            SiteUser user,
            FormSettings form,
            String query,
            Map<String, String[]> parameters,
            boolean tokenValid) {
        if (!tokenValid) {
            return Submitted.render(failure(form, Map.of(), EXPIRED), HttpStatus.BAD_REQUEST);
        }
        Optional<Table> table = engine.table(form.table());
        if (table.isEmpty() || form.mode() == FormSettings.READ_ONLY) {
            return Submitted.render(
                    failure(form, Map.of(), "This form does not take submissions here."), HttpStatus.BAD_REQUEST);
        }
        String recordId = form.mode() == FormSettings.EDIT ? engine.recordId(form, user, query) : null;
        if (form.mode() == FormSettings.EDIT && recordId == null) {
            return Submitted.render(failure(form, Map.of(), RECORD_NOT_FOUND), HttpStatus.NOT_FOUND);
        }
        List<FormField> fields = engine.fields(form, table.get(), Map.of());
        Map<String, String> values = FormEngine.posted(fields, parameters);
        if (!FormAccess.of(site, user, form).allows(form.mode(), recordId)) {
            return Submitted.render(failure(form, values, PERMISSION_DENIED), HttpStatus.FORBIDDEN);
        }
        List<FormField> filled = fields.stream()
                .map(field -> field.withValue(values.get(field.column())))
                .toList();
        List<FormOutcome.Message> errors = FormEngine.validate(filled);
        if (!errors.isEmpty()) {
            // As an ASP.NET postback: the page again, with the summary and the visitor's values.
            return Submitted.render(new FormOutcome(key(form), values, errors, null, null), HttpStatus.OK);
        }
        String id;
        try {
            id = engine.save(table.get(), recordId, engine.payload(form, filled, recordId == null, table.get(), user));
        } catch (HttpClientErrorException ex) {
            return Submitted.render(failure(form, values, storeRefusal(ex)), HttpStatus.BAD_REQUEST);
        }
        if (form.onSuccess() == FormSettings.ON_SUCCESS_REDIRECT) {
            String target = redirectTarget(site, form, id);
            if (target != null) {
                return Submitted.redirect(target);
            }
        }
        String message = form.successMessage() != null ? form.successMessage() : FormMarkup.DEFAULT_SUCCESS;
        return Submitted.render(new FormOutcome(key(form), values, List.of(), message, null), HttpStatus.OK);
    }

    /**
     * Where "On Success: Redirect" goes: the form's web page or URL, with {@code ?id=<new record>} when
     * "Append Record ID To Query String" is set.
     */
    static String redirectTarget(SiteSnapshot site, FormSettings form, String recordId) {
        String target = form.redirectPageId() != null
                ? site.page(form.redirectPageId())
                        .filter(WebPage::published)
                        .map(WebPage::url)
                        .orElse(null)
                : form.redirectUrl();
        if (target == null || target.isBlank()) {
            return null;
        }
        if (form.appendIdToRedirect() && recordId != null) {
            target = target + (target.contains("?") ? "&" : "?") + "id=" + recordId;
        }
        return target;
    }

    static FormOutcome failure(FormSettings form, Map<String, String> values, String message) {
        return new FormOutcome(key(form), values, List.of(new FormOutcome.Message(null, message)), null, null);
    }

    /** The store (Dataverse) refused the row: its message, as Power Pages shows Dataverse's error in the summary. */
    static String storeRefusal(HttpClientErrorException ex) {
        String body = ex.getResponseBodyAsString();
        int start = body.indexOf("\"message\":\"");
        if (start >= 0) {
            int end = body.indexOf('"', start + 11);
            if (end > start) {
                return body.substring(start + 11, end);
            }
        }
        return "The record could not be saved.";
    }

    static String action(RenderScope scope) {
        String query = scope.request().query();
        return scope.request().path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    static String first(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
