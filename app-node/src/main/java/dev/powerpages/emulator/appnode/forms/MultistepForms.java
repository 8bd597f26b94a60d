package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.antiforgery.AntiForgery;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import dev.powerpages.emulator.appnode.tables.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Multistep forms ({@code adx_webform}, Microsoft Learn "Multistep forms"): {@code {% webform %}} renders the current
 * step (Load Form / Load Tab: a form over the step's table in its mode) with a progress list; Next validates the
 * step, writes its row through the store (each step saves, as Power Pages does) and moves to {@code adx_nextstep};
 * Previous goes back when the step permits it ({@code adx_movepreviouspermitted}); a Redirect step sends the visitor
 * to its URL or web page; the last step's success shows the success message. A later step on the same table edits
 * the row an earlier step created (the "Result From Previous Step" record source; also when a step returns to a
 * table the visitor already saved a row of, as going back to an Insert step shows that row again).
 *
 * <p>Progress travels in the page as a signed hidden field ({@link SignedState#sign}) rather than in Power Pages'
 * {@code adx_webformsession} rows, so any node of either region continues a visitor's form. Condition steps are
 * not evaluated (the emulator follows their next step and says so), nor Load User Control steps.
 */
@Component
public class MultistepForms {

    static final String STATE_FIELD = "__pp_webformstate";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_HOPS = 50;

    private final FormEngine engine;
    private final AntiForgery antiForgery;
    private final SignedState state;
    private final UnsupportedLiquid unsupported;

    MultistepForms(FormEngine engine, AntiForgery antiForgery, SignedState state, UnsupportedLiquid unsupported) {
        this.state = state;
        this.engine = engine;
        this.antiForgery = antiForgery;
        this.unsupported = unsupported;
    }

    static String key(MultistepForm form) {
        return "webform:" + form.id();
    }

    /** Where a visitor is in the form: the step, the row the steps so far wrote, the steps behind. */
    record Progress(String stepId, String recordId, String recordTable, List<String> history) {

        String encode() {
            ObjectNode node = JSON.createObjectNode();
            node.put("step", stepId);
            node.put("record", recordId);
            node.put("table", recordTable);
            ArrayNode behind = node.putArray("history");
            history.forEach(behind::add);
            return node.toString();
        }

        static Progress decode(String json) {
            JsonNode node = JSON.readTree(json);
            List<String> history = new ArrayList<>();
            node.path("history").forEach(step -> history.add(step.asString()));
            return new Progress(node.path("step").asString(null), text(node, "record"), text(node, "table"), history);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    String render(RenderScope scope, MultistepForm form, FormOutcome outcome) {
        if (outcome != null && outcome.succeeded()) {
            return FormMarkup.success(outcome.success());
        }
        SiteUser user = scope.request().user();
        if (form.authenticationRequired() && user == null) {
            return FormMarkup.alert("You must be signed in to use this form.");
        }
        Progress progress = outcome != null && outcome.state() != null ? decode(state.verify(outcome.state())) : null;
        if (progress == null) {
            MultistepForm.Step start = formStep(scope.site(), form, form.startStepId());
            if (start == null) {
                return unsupported.use(
                        scope.site().websiteId(), "webform '" + form.name() + "' without a form step to start at");
            }
            progress = new Progress(start.id(), null, null, List.of());
        }
        MultistepForm.Step step = form.steps().get(progress.stepId());
        if (step == null) {
            return FormMarkup.alert(BasicForms.EXPIRED);
        }
        FormSettings settings = step.settings();
        try {
            Optional<Table> table = engine.table(settings.table());
            if (table.isEmpty()) {
                return unsupported.use(
                        scope.site().websiteId(), "webform step on table " + settings.table() + " (not in the store)");
            }
            String recordId = recordId(settings, progress, user, scope.request().query());
            if (!FormAccess.of(scope.site(), user, settings)
                    .allows(recordId == null ? FormSettings.INSERT : settings.mode(), recordId)) {
                return FormMarkup.alert(BasicForms.PERMISSION_DENIED);
            }
            Map<String, String> values;
            if (outcome != null && !outcome.values().isEmpty()) {
                values = outcome.values();
            } else if (recordId != null) {
                values = engine.record(table.get(), recordId).orElseGet(() -> engine.initialValues(settings, user));
            } else {
                values = engine.initialValues(settings, user);
            }
            boolean readOnly = settings.mode() == FormSettings.READ_ONLY;
            List<FormMarkup.Button> buttons = new ArrayList<>();
            if (!progress.history().isEmpty() && step.movePreviousPermitted()) {
                buttons.add(new FormMarkup.Button(
                        "PreviousButton",
                        step.previousButtonText() != null ? step.previousButtonText() : "Previous",
                        "btn btn-default button previous previous-btn"));
            }
            String next = step.nextButtonText() != null ? step.nextButtonText() : step.last() ? "Submit" : "Next";
            buttons.add(new FormMarkup.Button("NextButton", next, "btn btn-primary button next submit-btn"));
            Map<String, String> hidden = new LinkedHashMap<>();
            hidden.put(BasicForms.KEY_FIELD, key(form));
            hidden.put(STATE_FIELD, state.sign(progress.encode()));
            List<MultistepForm.Step> path = path(scope.site(), form);
            List<String> titles = path.stream().map(MultistepForm.Step::title).toList();
            int current = Math.max(0, path.indexOf(step));
            return FormMarkup.form(
                    form.id(),
                    BasicForms.action(scope),
                    antiForgery.requestTokenForCurrentRequest(),
                    hidden,
                    settings,
                    engine.fields(settings, table.get(), values),
                    outcome == null ? List.of() : outcome.errors(),
                    readOnly,
                    readOnly && !step.last() ? List.of() : buttons,
                    new FormMarkup.Progress(titles, current));
        } catch (StoreUnavailableException | HttpClientErrorException ex) {
            return FormMarkup.alert(BasicForms.UNAVAILABLE);
        }
    }

    Submitted submit(
            SiteSnapshot site,
            SiteUser user,
            MultistepForm form,
            String query,
            Map<String, String[]> parameters,
            boolean tokenValid) {
        Progress progress = decode(state.verify(BasicForms.first(parameters, STATE_FIELD)));
        if (!tokenValid || progress == null || !form.steps().containsKey(progress.stepId())) {
            return Submitted.render(
                    new FormOutcome(
                            key(form),
                            Map.of(),
                            List.of(new FormOutcome.Message(null, BasicForms.EXPIRED)),
                            null,
                            null),
                    HttpStatus.BAD_REQUEST);
        }
        MultistepForm.Step step = form.steps().get(progress.stepId());
        if (parameters.containsKey("PreviousButton") && !progress.history().isEmpty() && step.movePreviousPermitted()) {
            List<String> history = new ArrayList<>(progress.history());
            String previous = history.remove(history.size() - 1);
            Progress back = new Progress(previous, progress.recordId(), progress.recordTable(), List.copyOf(history));
            return Submitted.render(
                    new FormOutcome(key(form), Map.of(), List.of(), null, state.sign(back.encode())), HttpStatus.OK);
        }
        FormSettings settings = step.settings();
        Optional<Table> table = engine.table(settings.table());
        if (table.isEmpty()) {
            return Submitted.render(
                    stay(
                            form,
                            progress,
                            Map.of(),
                            List.of(new FormOutcome.Message(null, "This form does not take submissions here."))),
                    HttpStatus.BAD_REQUEST);
        }
        String recordId = recordId(settings, progress, user, query);
        String written = recordId;
        if (settings.mode() != FormSettings.READ_ONLY) {
            List<FormField> fields = engine.fields(settings, table.get(), Map.of());
            Map<String, String> values = FormEngine.posted(fields, parameters);
            int mode = recordId == null ? FormSettings.INSERT : FormSettings.EDIT;
            if (!FormAccess.of(site, user, settings).allows(mode, recordId)) {
                return Submitted.render(
                        stay(
                                form,
                                progress,
                                values,
                                List.of(new FormOutcome.Message(null, BasicForms.PERMISSION_DENIED))),
                        HttpStatus.FORBIDDEN);
            }
            List<FormField> filled = fields.stream()
                    .map(field -> field.withValue(values.get(field.column())))
                    .toList();
            List<FormOutcome.Message> errors = FormEngine.validate(filled);
            if (!errors.isEmpty()) {
                return Submitted.render(stay(form, progress, values, errors), HttpStatus.OK);
            }
            try {
                written = engine.save(
                        table.get(), recordId, engine.payload(settings, filled, recordId == null, table.get(), user));
            } catch (HttpClientErrorException ex) {
                return Submitted.render(
                        stay(
                                form,
                                progress,
                                values,
                                List.of(new FormOutcome.Message(null, BasicForms.storeRefusal(ex)))),
                        HttpStatus.BAD_REQUEST);
            }
        }
        MultistepForm.Step next = formStep(site, form, step.nextStepId());
        if (next == null) {
            MultistepForm.Step redirect = redirectStep(form, step.nextStepId());
            if (redirect != null) {
                String target = BasicForms.redirectTarget(site, redirect.settings(), written);
                if (target != null) {
                    return Submitted.redirect(target);
                }
            }
            if (settings.onSuccess() == FormSettings.ON_SUCCESS_REDIRECT) {
                String target = BasicForms.redirectTarget(site, settings, written);
                if (target != null) {
                    return Submitted.redirect(target);
                }
            }
            String message = settings.successMessage() != null ? settings.successMessage() : FormMarkup.DEFAULT_SUCCESS;
            return Submitted.render(new FormOutcome(key(form), Map.of(), List.of(), message, null), HttpStatus.OK);
        }
        List<String> history = new ArrayList<>(progress.history());
        history.add(step.id());
        Progress forward = new Progress(
                next.id(), written, written == null ? progress.recordTable() : settings.table(), List.copyOf(history));
        return Submitted.render(
                new FormOutcome(key(form), Map.of(), List.of(), null, state.sign(forward.encode())), HttpStatus.OK);
    }

    /**
     * The row a step shows: the one an earlier step wrote when this step is on the same table, else (Edit) the one
     * the query string names.
     */
    private String recordId(FormSettings settings, Progress progress, SiteUser user, String query) {
        boolean sameTable = settings.table() != null && settings.table().equals(progress.recordTable());
        if (progress.recordId() != null && (sameTable || settings.sourceType() == FormSettings.SOURCE_PREVIOUS_STEP)) {
            return sameTable ? progress.recordId() : null;
        }
        return settings.mode() == FormSettings.INSERT || settings.sourceType() == FormSettings.SOURCE_PREVIOUS_STEP
                ? null
                : engine.recordId(settings, user, query);
    }

    private FormOutcome stay(
            MultistepForm form, Progress progress, Map<String, String> values, List<FormOutcome.Message> errors) {
        return new FormOutcome(key(form), values, errors, null, state.sign(progress.encode()));
    }

    /**
     * The form step reached from a step id: Condition steps are followed through their next step (their condition is
     * not evaluated) and Load User Control steps skipped; {@code null} at the end or at a Redirect step.
     */
    private MultistepForm.Step formStep(SiteSnapshot site, MultistepForm form, String stepId) {
        Set<String> seen = new HashSet<>();
        for (String id = stepId; id != null && seen.add(id) && seen.size() < MAX_HOPS; ) {
            MultistepForm.Step step = form.steps().get(id);
            if (step == null || step.type() == MultistepForm.Step.REDIRECT) {
                return null;
            }
            if (step.type() == MultistepForm.Step.LOAD_FORM || step.type() == MultistepForm.Step.LOAD_TAB) {
                return step;
            }
            unsupported.use(
                    site.websiteId(),
                    step.type() == MultistepForm.Step.CONDITION
                            ? "webform condition step (its next step is always taken)"
                            : "webform user control step");
            id = step.nextStepId();
        }
        return null;
    }

    private static MultistepForm.Step redirectStep(MultistepForm form, String stepId) {
        Set<String> seen = new HashSet<>();
        for (String id = stepId; id != null && seen.add(id) && seen.size() < MAX_HOPS; ) {
            MultistepForm.Step step = form.steps().get(id);
            if (step == null) {
                return null;
            }
            if (step.type() == MultistepForm.Step.REDIRECT) {
                return step;
            }
            id = step.nextStepId();
        }
        return null;
    }

    /** The form steps from the start, in order: the progress list's titles. */
    private List<MultistepForm.Step> path(SiteSnapshot site, MultistepForm form) {
        List<MultistepForm.Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MultistepForm.Step step = formStep(site, form, form.startStepId());
                step != null && seen.add(step.id());
                step = formStep(site, form, step.nextStepId())) {
            steps.add(step);
        }
        return steps;
    }

    private static Progress decode(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Progress.decode(json);
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
