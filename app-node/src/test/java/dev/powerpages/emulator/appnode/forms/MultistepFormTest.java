package dev.powerpages.emulator.appnode.forms;

import static dev.powerpages.emulator.appnode.forms.FixtureSite.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultistepFormTest {

    static final String FORM = "0c000000-0000-4000-8000-000000000001";
    static final String COMPANY = "0d000000-0000-4000-8000-000000000001";
    static final String CHECK = "0d000000-0000-4000-8000-000000000002";
    static final String SIZE = "0d000000-0000-4000-8000-000000000003";

    final RecordingStore store = new RecordingStore(
            new RecordingStore.Table("account", "accounts", List.of("name:Edm.String", "numberofemployees:Edm.Int32")));
    final FixtureSite fixture = new FixtureSite();
    final String apply = fixture.page("apply", "{% webform name:'Application' %}");
    final FormsHarness forms;

    MultistepFormTest() {
        fixture.add(
                        "adx_webforms",
                        row("adx_webformid", FORM, "adx_name", "Application", "_adx_startstep_value", COMPANY))
                .add(
                        "adx_webformsteps",
                        row(
                                "adx_webformstepid",
                                COMPANY,
                                "adx_name",
                                "Company",
                                "_adx_webform_value",
                                FORM,
                                "adx_type",
                                100000001,
                                "adx_targetentitylogicalname",
                                "account",
                                "adx_mode",
                                100000000,
                                "_adx_nextstep_value",
                                CHECK))
                .add(
                        "adx_webformsteps",
                        row(
                                "adx_webformstepid",
                                CHECK,
                                "adx_name",
                                "Check",
                                "_adx_webform_value",
                                FORM,
                                "adx_type",
                                100000000,
                                "adx_condition",
                                "name != null",
                                "_adx_nextstep_value",
                                SIZE))
                .add(
                        "adx_webformsteps",
                        row(
                                "adx_webformstepid",
                                SIZE,
                                "adx_name",
                                "Size",
                                "_adx_webform_value",
                                FORM,
                                "adx_type",
                                100000001,
                                "adx_targetentitylogicalname",
                                "account",
                                "adx_mode",
                                100000001,
                                "adx_entitysourcetype",
                                100000003,
                                "adx_successmessage",
                                "Application received."))
                .add(
                        "adx_webformmetadatas",
                        row(
                                "adx_webformmetadataid",
                                "0e000000-0000-4000-8000-000000000001",
                                "_adx_webformstep_value",
                                COMPANY,
                                "adx_type",
                                100000000,
                                "adx_attributelogicalname",
                                "name",
                                "adx_label",
                                "Company name",
                                "adx_fieldisrequired",
                                true));
        forms = new FormsHarness(store, fixture.snapshot());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aVisitorWalksTheStepsForwardAndBackAndEachStepSavesTheSameRow() throws Exception {
        String first = forms.get(apply, null);
        assertThat(first)
                .contains(
                        "<li class=\"list-group-item active\">Company</li><li class=\"list-group-item incomplete\">Size</li>")
                .contains("name=\"NextButton\" value=\"Next\"")
                .doesNotContain("PreviousButton");

        String invalid = next(first, "name", "");
        assertThat(invalid)
                .contains(">Company name is a required field.</a>")
                .contains("list-group-item active\">Company<");
        assertThat(store.writes()).isEmpty();

        String second = next(invalid, "name", "Contoso Pharma");
        assertThat(second)
                .contains(
                        "<li class=\"list-group-item list-group-item-success\">Company</li><li class=\"list-group-item active\">Size</li>")
                // The second step edits the row the first created.
                .contains("name=\"name\" type=\"text\" value=\"Contoso Pharma\"")
                .contains("name=\"PreviousButton\" value=\"Previous\"")
                .contains("name=\"NextButton\" value=\"Submit\"");
        assertThat(store.rows("accounts")).hasSize(1);

        String back = forms.mvc
                .perform(forms.post(apply)
                        .param("__pp_form", "webform:" + FORM)
                        .param("__RequestVerificationToken", FormsHarness.token(second))
                        .param("__pp_webformstate", FormsHarness.state(second))
                        .param("PreviousButton", "Previous"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(back).contains("list-group-item active\">Company<").contains("value=\"Contoso Pharma\"");

        String again = next(back, "name", "Contoso Pharmaceuticals");
        String done = next(again, "numberofemployees", "250", "name", "Contoso Pharmaceuticals");

        assertThat(done)
                .contains(
                        "<div id=\"MessagePanel\" class=\"message success alert alert-success\" role=\"alert\">Application received.</div>");
        assertThat(store.rows("accounts")).singleElement().satisfies(account -> {
            assertThat(account.get("name").asString()).isEqualTo("Contoso Pharmaceuticals");
            assertThat(account.get("numberofemployees").asInt()).isEqualTo(250);
        });
        assertThat(store.writes()).extracting(RecordingStore.Call::method).containsExactly("POST", "PATCH", "PATCH");
        // The condition step is followed, not evaluated, and reported.
        assertThat(forms.unsupported.uses(FixtureSite.WEBSITE))
                .containsKey("webform condition step (its next step is always taken)");
    }

    @Test
    void aChangedProgressFieldIsRefused() throws Exception {
        String first = forms.get(apply, null);
        String state = FormsHarness.state(first);
        String tampered = state.substring(0, state.indexOf('.')) + ".AAAA";

        forms.mvc
                .perform(forms.post(apply)
                        .param("__pp_form", "webform:" + FORM)
                        .param("__RequestVerificationToken", FormsHarness.token(first))
                        .param("__pp_webformstate", tampered)
                        .param("NextButton", "Next")
                        .param("name", "Skipped"))
                .andExpect(status().isBadRequest());
        assertThat(store.writes()).isEmpty();
    }

    private String next(String page, String... fields) throws Exception {
        var request = forms.post(apply)
                .param("__pp_form", "webform:" + FORM)
                .param("__RequestVerificationToken", FormsHarness.token(page))
                .param("__pp_webformstate", FormsHarness.state(page))
                .param("NextButton", "Next");
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return forms.mvc
                .perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
