package dev.powerpages.emulator.appnode.forms;

import static dev.powerpages.emulator.appnode.forms.FixtureSite.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class BasicFormTest {

    static final int GLOBAL = 756150000;
    static final int SELF = 756150004;
    static final String CONTACT_FORM = "0a000000-0000-4000-8000-000000000001";
    static final String EDIT_FORM = "0a000000-0000-4000-8000-000000000002";
    static final String READ_FORM = "0a000000-0000-4000-8000-000000000003";
    static final String REDIRECT_FORM = "0a000000-0000-4000-8000-000000000004";
    static final String PROFILE_FORM = "0a000000-0000-4000-8000-000000000005";
    static final String REQUEST_FORM = "0a000000-0000-4000-8000-000000000006";
    static final String ACCOUNT = "a0000000-0000-4000-8000-000000000001";
    static final String ADA = "c0000000-0000-4000-8000-000000000001";

    final RecordingStore store = new RecordingStore(
                    new RecordingStore.Table(
                            "account",
                            "accounts",
                            List.of(
                                    "name:Edm.String",
                                    "numberofemployees:Edm.Int32",
                                    "revenue:Edm.Decimal",
                                    "openedon:Edm.DateTimeOffset",
                                    "_primarycontactid_value:Edm.Guid",
                                    "primarycontactid:Navigation:contact",
                                    "description:Edm.String",
                                    "customertypecode:Edm.Int32")),
                    new RecordingStore.Table(
                            "contact",
                            "contacts",
                            List.of(
                                    "firstname:Edm.String",
                                    "lastname:Edm.String",
                                    "donotemail:Edm.Boolean",
                                    "adx_identity_passwordhash:Edm.String")))
            .add("accounts", row("accountid", ACCOUNT, "name", "Fourth Coffee", "numberofemployees", 12))
            .add("contacts", row("contactid", ADA, "firstname", "Ada", "lastname", "Lovelace", "donotemail", true));
    final FixtureSite fixture = new FixtureSite();
    final String contactUs = fixture.page("contact-us", "<main>{% entityform name: 'Contact us' %}</main>");
    final String editAccount = fixture.page("edit-account", "{% entityform name:'Edit account' %}");
    final String viewAccount = fixture.page("view-account", "{% entityform id:'" + READ_FORM + "' %}");
    final String register = fixture.page("register", "{% entityform name:'Register account' %}");
    final String profile = fixture.page("profile", "{% entityform name:'Profile' %}");
    final String thanks = fixture.page("thanks", "Thank you");
    final String request = fixture.page("request", "{% entityform name:'Request' %}");
    final FormsHarness forms;

    BasicFormTest() {
        fixture.add(
                        "adx_entityforms",
                        row(
                                "adx_entityformid",
                                CONTACT_FORM,
                                "adx_name",
                                "Contact us",
                                "adx_entityname",
                                "account",
                                "adx_mode",
                                100000000,
                                "adx_entitypermissionsenabled",
                                true,
                                "adx_successmessage",
                                "[{\"LCID\":1033,\"Value\":\"Thanks, we will call you.\"}]"))
                .add(
                        "adx_entityformmetadatas",
                        row(
                                "adx_entityformmetadataid",
                                "0b000000-0000-4000-8000-000000000001",
                                "adx_entityform",
                                CONTACT_FORM,
                                "adx_type",
                                100000000,
                                "adx_attributelogicalname",
                                "name",
                                "adx_label",
                                "[{\"LCID\":1033,\"Value\":\"Company name\"}]",
                                "adx_fieldisrequired",
                                true))
                .add(
                        "adx_entityforms",
                        row(
                                "adx_entityformid",
                                EDIT_FORM,
                                "adx_name",
                                "Edit account",
                                "adx_entityname",
                                "account",
                                "adx_mode",
                                100000001,
                                "adx_entitysourcetype",
                                756150001,
                                "adx_entitypermissionsenabled",
                                true))
                .add(
                        "adx_entityforms",
                        row(
                                "adx_entityformid",
                                READ_FORM,
                                "adx_name",
                                "View account",
                                "adx_entityname",
                                "account",
                                "adx_mode",
                                100000002,
                                "adx_entitypermissionsenabled",
                                true))
                .add(
                        "adx_entityforms",
                        row(
                                "adx_entityformid",
                                REDIRECT_FORM,
                                "adx_name",
                                "Register account",
                                "adx_entityname",
                                "account",
                                "adx_entitypermissionsenabled",
                                true,
                                "adx_onsuccess",
                                756150001,
                                "_adx_redirectwebpage_value",
                                "30000000-0000-4000-8000-000000000007",
                                "adx_redirecturlappendentityidquerystring",
                                true))
                .add(
                        "adx_entityforms",
                        row(
                                "adx_entityformid",
                                PROFILE_FORM,
                                "adx_name",
                                "Profile",
                                "adx_entityname",
                                "contact",
                                "adx_mode",
                                100000001,
                                "adx_entitysourcetype",
                                756150002,
                                "adx_entitypermissionsenabled",
                                true))
                .add(
                        "adx_entityforms",
                        row(
                                "adx_entityformid",
                                REQUEST_FORM,
                                "adx_name",
                                "Request",
                                "adx_entityname",
                                "account",
                                "adx_entitypermissionsenabled",
                                false))
                // Set Value On Save, one row per On Save Type; the last is switched off
                .add("adx_entityformmetadatas", onSave("1", "customertypecode", true, 100000000, "3", null))
                .add("adx_entityformmetadatas", onSave("2", "openedon", true, 100000001, null, null))
                .add("adx_entityformmetadatas", onSave("3", "primarycontactid", true, 100000002, null, "contactid"))
                .add("adx_entityformmetadatas", onSave("4", "description", true, 100000002, null, "emailaddress1"))
                .add("adx_entityformmetadatas", onSave("5", "name", false, 100000000, "Not set", null))
                // Prepopulate: the signed-in contact's full name, today's date
                .add(
                        "adx_entityformmetadatas",
                        row(
                                "adx_entityformmetadataid",
                                "0b000000-0000-4000-8000-0000000002f1",
                                "adx_entityform",
                                REQUEST_FORM,
                                "adx_attributelogicalname",
                                "name",
                                "adx_prepopulatetype",
                                100000002,
                                "adx_prepopulatefromattribute",
                                "fullname"))
                .add(
                        "adx_entityformmetadatas",
                        row(
                                "adx_entityformmetadataid",
                                "0b000000-0000-4000-8000-0000000002f2",
                                "adx_entityform",
                                REQUEST_FORM,
                                "adx_attributelogicalname",
                                "openedon",
                                "adx_prepopulatetype",
                                100000001))
                .permission(FixtureSite.ANONYMOUS, "account", GLOBAL, "read", "create")
                .permission(FixtureSite.MANAGERS, "account", GLOBAL, "read", "write")
                .permission(FixtureSite.AUTHENTICATED, "contact", SELF, "read", "write");
        forms = new FormsHarness(store, fixture.snapshot());
    }

    private static ObjectNode onSave(String n, String column, boolean set, int type, String value, String from) {
        ObjectNode metadata = row(
                "adx_entityformmetadataid",
                "0b000000-0000-4000-8000-0000000001f" + n,
                "adx_entityform",
                REQUEST_FORM,
                "adx_type",
                100000000,
                "adx_attributelogicalname",
                column,
                "adx_setvalueonsave",
                set,
                "adx_onsavetype",
                type);
        if (value != null) {
            metadata.put("adx_onsavevalue", value);
        }
        if (from != null) {
            metadata.put("adx_onsavefromattribute", from);
        }
        return metadata;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static SiteUser ada(String... roles) {
        return new SiteUser(ADA, "ada", "Ada", "Lovelace", "Ada Lovelace", "ada@example.invalid", List.of(roles));
    }

    @Test
    void rendersAnInsertFormInPowerPagesMarkupWithTheMetadatasLabelsAndRequiredFields() {
        String html = forms.get(contactUs, null);

        assertThat(html)
                .startsWith(
                        "<main><div class=\"entity-form\"><form method=\"post\" action=\"/contact-us/\" id=\"liquid_form\"")
                .contains(
                        "<div id=\"EntityFormControl_0a000000000040008000000000000001_EntityFormView\" class=\"entity-form\">")
                .contains("id=\"ValidationSummaryEntityFormControl_0a000000000040008000000000000001_EntityFormView\"")
                .contains(
                        "<div class=\"table-info required\"><label for=\"name\" id=\"name_label\" class=\"field-label\">Company name</label>")
                .contains("aria-required=\"true\" title=\"Company name is a required field.\"")
                // Columns without metadata are labelled by their logical name; lookups and system columns are left out.
                .contains("id=\"numberofemployees_label\" class=\"field-label\">numberofemployees</label>")
                .contains("class=\"text integer form-control\"")
                .doesNotContain("primarycontactid", "createdon", "statecode", "accountid")
                .contains(
                        "<input type=\"submit\" name=\"InsertButton\" value=\"Submit\" id=\"InsertButton\" class=\"btn btn-primary button submit-btn\">");
        assertThat(FormsHarness.token(html)).isNotBlank();
    }

    @Test
    void postingTheFormCreatesTheRowThroughTheStoreAndShowsTheSuccessMessage() throws Exception {
        String token = FormsHarness.token(forms.get(contactUs, null));

        String html = forms.mvc
                .perform(forms.post(contactUs)
                        .param("__pp_form", "entityform:" + CONTACT_FORM)
                        .param("__RequestVerificationToken", token)
                        .param("name", "Tailspin Toys")
                        .param("numberofemployees", "40")
                        .param("revenue", "1250.50")
                        .param("openedon", "2024-05-01"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains(
                        "<div id=\"MessagePanel\" class=\"message success alert alert-success\" role=\"alert\">Thanks, we will call you.</div>")
                .doesNotContain("liquid_form"); // Hide Form on Success, the default
        assertThat(store.writes()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.target()).isEqualTo("/api/data/v9.2/accounts");
            assertThat(call.body().toString())
                    .isEqualTo(
                            "{\"name\":\"Tailspin Toys\",\"numberofemployees\":40,\"revenue\":1250.5,\"openedon\":\"2024-05-01T00:00:00Z\"}");
        });
    }

    @Test
    void setValueOnSaveWritesTheValueTodaysDateAndTheSignedInContactWhateverWasPosted() throws Exception {
        SiteUser ada = ada();
        forms.mvc
                .perform(forms.post(request)
                        .param("__pp_form", "entityform:" + REQUEST_FORM)
                        .param("__RequestVerificationToken", forms.tokenFor(ada))
                        .param("name", "Tailspin Toys")
                        .param("customertypecode", "1")
                        .param("openedon", "2020-01-01")
                        .requestAttr(SiteUser.REQUEST_ATTRIBUTE, ada))
                .andExpect(status().isOk());

        assertThat(store.writes()).singleElement().satisfies(call -> {
            // Value in the column's type (a choice is a number), Today's Date as the form saves, Current Portal User
            // as the contact itself in a lookup and as the contact's column in a text column; a row whose "Set Value
            // On Save" is off sets nothing
            assertThat(call.body().get("customertypecode").isIntegralNumber()).isTrue();
            assertThat(call.body().get("customertypecode").asLong()).isEqualTo(3);
            assertThat(call.body().get("openedon").asString()).isEqualTo("2026-03-14T15:09:26Z");
            assertThat(call.body().get("primarycontactid@odata.bind").asString())
                    .isEqualTo("/contacts(" + ADA + ")");
            assertThat(call.body().get("description").asString()).isEqualTo("ada@example.invalid");
            assertThat(call.body().get("name").asString()).isEqualTo("Tailspin Toys");
        });
    }

    @Test
    void aNewRecordsFieldsArePrepopulatedWithTheSignedInContactsColumnAndTodaysDate() {
        assertThat(forms.get(request, ada()))
                .contains("name=\"name\" type=\"text\" value=\"Ada Lovelace\"")
                .contains("value=\"2026-03-14\"");
        assertThat(forms.get(request, null)).doesNotContain("Ada Lovelace").contains("value=\"2026-03-14\"");
    }

    @Test
    void currentPortalUserOnSaveSetsNothingForAnAnonymousVisitor() throws Exception {
        forms.mvc
                .perform(forms.post(request)
                        .param("__pp_form", "entityform:" + REQUEST_FORM)
                        .param("__RequestVerificationToken", forms.tokenFor(null))
                        .param("name", "Anonymous request"))
                .andExpect(status().isOk());

        assertThat(store.writes()).singleElement().satisfies(call -> {
            assertThat(call.body().has("primarycontactid@odata.bind")).isFalse();
            assertThat(call.body().has("description")).isFalse();
            assertThat(call.body().get("customertypecode").asLong()).isEqualTo(3);
        });
    }

    @Test
    void aMissingRequiredFieldAndABadNumberGivePowerPagesValidationSummaryAndNoWrite() throws Exception {
        String token = FormsHarness.token(forms.get(contactUs, null));

        String html = forms.mvc
                .perform(forms.post(contactUs)
                        .param("__pp_form", "entityform:" + CONTACT_FORM)
                        .param("__RequestVerificationToken", token)
                        .param("name", " ")
                        .param("numberofemployees", "forty"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains(
                        "<h2 class=\"validation-header\"><span role=\"presentation\" class=\"fa fa-info-circle\"></span>"
                                + " The form could not be submitted for the following reasons:</h2>")
                .contains(">Company name is a required field.</a></li>")
                .contains("<a href=\"#numberofemployees_label\" referencecontrolid=\"numberofemployees\"")
                .contains(">numberofemployees must be a whole number.</a>")
                // The visitor's values are shown again.
                .contains("name=\"numberofemployees\" type=\"text\" value=\"forty\"");
        assertThat(store.writes()).isEmpty();
    }

    @Test
    void aPostWithoutTheAntiForgeryTokenOrWithAnotherVisitorsIsRefused() throws Exception {
        String anonymousToken = FormsHarness.token(forms.get(contactUs, null));

        forms.mvc
                .perform(forms.post(contactUs)
                        .param("__pp_form", "entityform:" + CONTACT_FORM)
                        .param("name", "Forged"))
                .andExpect(status().isBadRequest());
        forms.mvc
                .perform(forms.post(contactUs)
                        .param("__pp_form", "entityform:" + CONTACT_FORM)
                        .param("name", "Forged")
                        .param("__RequestVerificationToken", anonymousToken)
                        .requestAttr(SiteUser.REQUEST_ATTRIBUTE, ada()))
                .andExpect(status().isBadRequest());

        assertThat(store.writes()).isEmpty();
    }

    @Test
    void aVisitorWhoseRolesGrantNoWriteCannotSeeOrSubmitTheEditForm() throws Exception {
        String url = editAccount + "?id=" + ACCOUNT;
        assertThat(forms.get(url, null))
                .contains("You don&#39;t have the appropriate permissions.")
                .doesNotContain("liquid_form");

        String token = forms.tokenFor(null);
        forms.mvc
                .perform(forms.post(url)
                        .param("__pp_form", "entityform:" + EDIT_FORM)
                        .param("__RequestVerificationToken", token)
                        .param("name", "Defaced"))
                .andExpect(status().isForbidden());
        assertThat(store.writes()).isEmpty();
    }

    @Test
    void theEditFormShowsTheRecordTheQueryStringNamesAndUpdatesIt() throws Exception {
        SiteUser manager = ada(FixtureSite.MANAGERS);
        String url = editAccount + "?id=" + ACCOUNT;
        String page = forms.get(url, manager);
        assertThat(page)
                .contains("name=\"name\" type=\"text\" value=\"Fourth Coffee\"")
                .contains("name=\"UpdateButton\"")
                .contains("action=\"/edit-account/?id=" + ACCOUNT + "\"");

        forms.mvc
                .perform(forms.post(url)
                        .param("__pp_form", "entityform:" + EDIT_FORM)
                        .param("__RequestVerificationToken", FormsHarness.token(page))
                        .param("name", "Fourth Coffee Roasters")
                        .param("numberofemployees", "")
                        .requestAttr(SiteUser.REQUEST_ATTRIBUTE, manager))
                .andExpect(status().isOk());

        assertThat(store.writes()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("PATCH");
            assertThat(call.target()).isEqualTo("/api/data/v9.2/accounts(" + ACCOUNT + ")");
            assertThat(call.ifMatch()).isEqualTo("*"); // an update, never an upsert
            assertThat(call.body().get("name").asString()).isEqualTo("Fourth Coffee Roasters");
            assertThat(call.body().get("numberofemployees").isNull()).isTrue();
        });
    }

    @Test
    void aReadOnlyFormShowsTheRecordWithoutButtons() {
        String html = forms.get(viewAccount + "?id=" + ACCOUNT, null);

        assertThat(html)
                .contains("class=\"form-readonly entity-form\" readonly=\"readonly\"")
                .contains("value=\"Fourth Coffee\"")
                .contains("readonly=\"readonly\" aria-label=\"name\"")
                .contains("<div class=\"actions\"></div>");
        assertThat(forms.get(viewAccount + "?id=a0000000-0000-4000-8000-00000000ffff", null))
                .contains("The record you&#39;re looking for can&#39;t be found.");
    }

    @Test
    void onSuccessRedirectGoesToTheFormsPageWithTheNewRecordsId() throws Exception {
        String location = forms.mvc
                .perform(forms.post(register)
                        .param("__pp_form", "entityform:" + REDIRECT_FORM)
                        .param("__RequestVerificationToken", forms.tokenFor(null))
                        .param("name", "Adventure Works"))
                .andExpect(status().isFound())
                .andReturn()
                .getResponse()
                .getHeader("Location");

        String created = store.rows("accounts").get(1).get("accountid").asString();
        assertThat(location).isEqualTo(thanks + "?id=" + created);
    }

    @Test
    void theCurrentPortalUserSourceEditsTheSignedInContactsOwnRowUnderSelfScope() throws Exception {
        String html = forms.get(profile, ada());
        assertThat(html)
                .contains("value=\"Ada\"")
                .contains(
                        "<input id=\"donotemail\" type=\"checkbox\" name=\"donotemail\" value=\"true\" checked=\"checked\">")
                .doesNotContain("adx_identity_passwordhash");

        forms.mvc
                .perform(forms.post(profile)
                        .param("__pp_form", "entityform:" + PROFILE_FORM)
                        .param("__RequestVerificationToken", FormsHarness.token(html))
                        .param("firstname", "Augusta")
                        .param("lastname", "Lovelace")
                        .requestAttr(SiteUser.REQUEST_ATTRIBUTE, ada()))
                .andExpect(status().isOk());

        assertThat(store.rows("contacts").get(0).get("firstname").asString()).isEqualTo("Augusta");
        // An unchecked box is posted as nothing: false.
        assertThat(store.rows("contacts").get(0).get("donotemail").asBoolean()).isFalse();
        assertThat(forms.get(profile, null)).contains("The record you&#39;re looking for can&#39;t be found.");
    }

    @Test
    void aFormOnATableTheStoreDoesNotHaveRendersTheNotEmulatedCommentAndThePageStillRenders() {
        FixtureSite site = new FixtureSite();
        String url = site.page(
                "feedback", "<h1>Feedback</h1>{% entityform name:'Feedback' %}{% entityform name:'Nowhere' %}<footer>");
        site.add(
                "adx_entityforms",
                row(
                        "adx_entityformid",
                        "0a000000-0000-4000-8000-0000000000ff",
                        "adx_name",
                        "Feedback",
                        "adx_entityname",
                        "feedback"));
        FormsHarness harness = new FormsHarness(store, site.snapshot());

        assertThat(harness.get(url, null))
                .isEqualTo("<h1>Feedback</h1>"
                        + "<!-- Power Pages Stack Emulator: entityform on table feedback (not in the store) is not emulated -->"
                        + "<!-- entityform: the site has no form Nowhere --><footer>");
        assertThat(harness.unsupported.uses(FixtureSite.WEBSITE))
                .containsEntry("entityform on table feedback (not in the store)", 1L);
    }

    @Test
    void aMultilingualSitesLanguageCodedPageUrlTakesThePost() throws Exception {
        forms.mvc
                .perform(forms.post("/en-US" + contactUs)
                        .param("__pp_form", "entityform:" + CONTACT_FORM)
                        .param("__RequestVerificationToken", forms.tokenFor(null))
                        .param("name", "Northwind"))
                .andExpect(status().isOk());

        assertThat(store.rows("accounts"))
                .extracting(row -> row.get("name").asString())
                .contains("Northwind");
    }

    @Test
    void aPostToAPageWithoutAFormKeyIsABadRequestAndToNoPageA404() throws Exception {
        forms.mvc.perform(forms.post(contactUs).param("name", "x")).andExpect(status().isBadRequest());
        forms.mvc
                .perform(forms.post("/nowhere/").param("__pp_form", "entityform:" + CONTACT_FORM))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Cache-Control", "no-store"));
    }
}
