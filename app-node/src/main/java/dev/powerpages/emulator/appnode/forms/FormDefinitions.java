package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The site's basic and multistep forms, built once per snapshot from the tables {@code site.tables} reads:
 * {@code adx_entityforms} + {@code adx_entityformmetadatas}, {@code adx_webforms} + {@code adx_webformsteps} +
 * {@code adx_webformmetadatas}. Active rows only, as Power Pages serves. A lookup is read as the store answers it
 * ({@code _adx_entityform_value}) or as a site folder writes it ({@code adx_entityform}).
 */
public record FormDefinitions(Map<String, FormSettings> basicFormsById, Map<String, MultistepForm> multistepFormsById) {

    public static FormDefinitions of(SiteSnapshot site) {
        return site.derived(FormDefinitions.class, FormDefinitions::build);
    }

    public Optional<FormSettings> basicForm(String id, String name) {
        return find(basicFormsById, id, name, FormSettings::name);
    }

    public Optional<MultistepForm> multistepForm(String id, String name) {
        return find(multistepFormsById, id, name, MultistepForm::name);
    }

    private static <T> Optional<T> find(
            Map<String, T> byId, String id, String name, java.util.function.Function<T, String> nameOf) {
        if (id != null && !id.isBlank()) {
            return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
        }
        return byId.values().stream()
                .filter(form -> name != null && name.equalsIgnoreCase(nameOf.apply(form)))
                .findFirst();
    }

    private static FormDefinitions build(SiteSnapshot site) {
        Map<String, List<FieldMetadata>> basicMetadata = new HashMap<>();
        for (StoreRow row : site.tables().activeRows("adx_entityformmetadatas")) {
            String form = ref(row, "adx_entityform");
            if (form != null) {
                basicMetadata.computeIfAbsent(form, id -> new ArrayList<>()).add(FieldMetadata.of(row));
            }
        }
        Map<String, FormSettings> basic = new LinkedHashMap<>();
        for (StoreRow row : site.tables().activeRows("adx_entityforms")) {
            String id = lower(row.text("adx_entityformid"));
            if (id != null) {
                basic.put(id, settings(row, id, row.text("adx_name"), basicMetadata.getOrDefault(id, List.of())));
            }
        }

        Map<String, List<FieldMetadata>> stepMetadata = new HashMap<>();
        for (StoreRow row : site.tables().activeRows("adx_webformmetadatas")) {
            String step = ref(row, "adx_webformstep");
            if (step != null) {
                stepMetadata.computeIfAbsent(step, id -> new ArrayList<>()).add(FieldMetadata.of(row));
            }
        }
        Map<String, Map<String, MultistepForm.Step>> stepsByForm = new HashMap<>();
        for (StoreRow row : site.tables().activeRows("adx_webformsteps")) {
            String id = lower(row.text("adx_webformstepid"));
            String form = ref(row, "adx_webform");
            if (id == null || form == null) {
                continue;
            }
            String title = Localized.text(row.text("adx_title"));
            MultistepForm.Step step = new MultistepForm.Step(
                    id,
                    title != null ? title : row.text("adx_name"),
                    row.number("adx_type", MultistepForm.Step.LOAD_FORM),
                    stepSettings(row, id, stepMetadata.getOrDefault(id, List.of())),
                    ref(row, "adx_nextstep"),
                    ref(row, "adx_conditiondefaultnextstep"),
                    row.flag("adx_movepreviouspermitted", true),
                    Localized.text(row.text("adx_nextbuttontext")),
                    Localized.text(row.text("adx_previousbuttontext")));
            stepsByForm.computeIfAbsent(form, key -> new LinkedHashMap<>()).put(id, step);
        }
        Map<String, MultistepForm> multistep = new LinkedHashMap<>();
        for (StoreRow row : site.tables().activeRows("adx_webforms")) {
            String id = lower(row.text("adx_webformid"));
            if (id != null) {
                multistep.put(
                        id,
                        new MultistepForm(
                                id,
                                row.text("adx_name"),
                                ref(row, "adx_startstep"),
                                row.flag("adx_authenticationrequired", false),
                                Map.copyOf(stepsByForm.getOrDefault(id, Map.of()))));
            }
        }
        return new FormDefinitions(Map.copyOf(basic), Map.copyOf(multistep));
    }

    /** The columns a basic form and a form step share (a step names its own table, mode and record source). */
    private static FormSettings settings(StoreRow row, String id, String name, List<FieldMetadata> metadata) {
        String parameter = row.text("adx_recordidquerystringparametername");
        return new FormSettings(
                id,
                name,
                lower(row.text("adx_entityname")),
                row.number("adx_mode", FormSettings.INSERT),
                row.number("adx_entitysourcetype", FormSettings.SOURCE_QUERY_STRING),
                parameter == null || parameter.isBlank() ? "id" : parameter,
                row.flag("adx_entitypermissionsenabled", false),
                row.flag("adx_forceallfieldsrequired", false),
                row.number("adx_onsuccess", FormSettings.ON_SUCCESS_MESSAGE),
                Localized.text(row.text("adx_successmessage")),
                row.flag("adx_hideformonsuccess", true),
                row.text("adx_redirecturl"),
                ref(row, "adx_redirectwebpage"),
                row.flag("adx_redirecturlappendentityidquerystring", false),
                Localized.text(row.text("adx_submitbuttontext")),
                Localized.text(row.text("adx_validationsummaryheadertext")),
                Localized.text(row.text("adx_instructions")),
                Localized.text(row.text("adx_recordnotfoundmessage")),
                List.copyOf(metadata));
    }

    /**
     * A step's form settings. Steps name their table {@code adx_targetentitylogicalname} and their record's query
     * string parameter {@code adx_primarykeyquerystringparametername}, and number their record sources differently
     * from basic forms (the {@code adx_webformstep} reference: 100000001 Query String, 100000002 Current Portal User,
     * 100000003 Result From Previous Step, 100000004 Record Associated to Current Portal User).
     */
    private static FormSettings stepSettings(StoreRow row, String id, List<FieldMetadata> metadata) {
        FormSettings common = settings(row, id, row.text("adx_name"), metadata);
        String table = lower(row.text("adx_targetentitylogicalname"));
        String parameter = row.text("adx_primarykeyquerystringparametername");
        int source = switch (row.number("adx_entitysourcetype", 0)) {
            case 100000002 -> FormSettings.SOURCE_CURRENT_USER;
            case 100000003 -> FormSettings.SOURCE_PREVIOUS_STEP;
            case 100000004 -> FormSettings.SOURCE_ASSOCIATED_TO_USER;
            default -> FormSettings.SOURCE_QUERY_STRING;
        };
        return new FormSettings(
                common.id(),
                common.name(),
                table != null ? table : common.table(),
                common.mode(),
                source,
                parameter == null || parameter.isBlank() ? common.recordIdParameter() : parameter,
                common.permissionsEnabled(),
                common.forceAllFieldsRequired(),
                common.onSuccess(),
                common.successMessage(),
                common.hideFormOnSuccess(),
                common.redirectUrl(),
                common.redirectPageId(),
                common.appendIdToRedirect(),
                common.submitButtonText(),
                common.validationSummaryHeader(),
                common.instructions(),
                common.recordNotFoundMessage(),
                common.metadata());
    }

    /** A lookup column as the store answers it ({@code _x_value}) or as a site folder writes it ({@code x}). */
    static String ref(StoreRow row, String column) {
        String value = row.text("_" + column + "_value");
        return lower(value != null ? value : row.text(column));
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.toLowerCase(Locale.ROOT);
    }
}
