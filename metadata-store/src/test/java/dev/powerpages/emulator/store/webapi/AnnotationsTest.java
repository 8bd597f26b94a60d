package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code Prefer: odata.include-annotations} as a site's script uses it: formatted values beside the values, lookups'
 * names and tables, on every kind of read, and nothing new without the preference.
 */
class AnnotationsTest extends WebApiTestSupport {

    private static final String ALL = "odata.include-annotations=\"*\"";
    private static final String FORMATTED = "OData.Community.Display.V1.FormattedValue";
    private static final String YVONNE = "21000000-0000-4000-8000-000000000001";
    private static final String FOURTH_COFFEE = "20000000-0000-4000-8000-000000000001";

    @Test
    void aChoiceLabelAndALookupNameComeWithTheirValuesWhenTheScriptAsksForAnnotations() {
        String incident = createIncident(2);

        StoreClient.Response response = client.get(
                "incidents(" + incident + ")?$select=title,prioritycode,_primarycontactid_value", token, "Prefer", ALL);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Preference-Applied")).isEqualTo(ALL);
        JsonNode row = response.body();
        assertThat(row.get("prioritycode@" + FORMATTED).asString()).isEqualTo("Normal");
        assertThat(row.get("prioritycode").asInt()).isEqualTo(2);
        assertThat(row.get("_primarycontactid_value@" + FORMATTED).asString()).isEqualTo("Yvonne McKay");
        assertThat(row.get("_primarycontactid_value@Microsoft.Dynamics.CRM.associatednavigationproperty")
                        .asString())
                .isEqualTo("primarycontactid");
        assertThat(row.get("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname")
                        .asString())
                .isEqualTo("contact");
        // Dataverse's order: each value's annotations just before it; text has none.
        List<String> names = new ArrayList<>(row.propertyNames());
        assertThat(names.indexOf("prioritycode@" + FORMATTED)).isEqualTo(names.indexOf("prioritycode") - 1);
        assertThat(names)
                .containsSubsequence(
                        "_primarycontactid_value@" + FORMATTED,
                        "_primarycontactid_value@Microsoft.Dynamics.CRM.associatednavigationproperty",
                        "_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname",
                        "_primarycontactid_value")
                .doesNotContain("title@" + FORMATTED, "incidentid@" + FORMATTED);
    }

    @Test
    void withoutThePreferenceTheAnswerHasNoAnnotation() {
        String incident = createIncident(1);

        StoreClient.Response response =
                client.get("incidents(" + incident + ")?$select=title,prioritycode,_primarycontactid_value", token);

        assertThat(response.header("Preference-Applied")).isNull();
        assertThat(response.body().propertyNames())
                .containsExactlyInAnyOrder(
                        "@odata.context",
                        "@odata.etag",
                        "title",
                        "prioritycode",
                        "_primarycontactid_value",
                        "incidentid");
    }

    @Test
    void numbersMoneyDatesAndYesNoAreFormattedForTheOrganizationsLanguage() {
        String account = client.send(
                        "POST",
                        "accounts",
                        token,
                        "{\"name\":\"Formatted " + UUID.randomUUID()
                                + "\",\"revenue\":5000000,\"numberofemployees\":9500}",
                        "Prefer",
                        "return=representation," + ALL)
                .body()
                .get("accountid")
                .asString();
        JsonNode row = client.get("accounts(" + account + ")?$select=revenue,numberofemployees", token, "Prefer", ALL)
                .body();
        assertThat(row.get("revenue@" + FORMATTED).asString()).isEqualTo("$5,000,000.00");
        assertThat(row.get("numberofemployees@" + FORMATTED).asString()).isEqualTo("9,500");

        JsonNode appointment = client.send(
                        "POST",
                        "appointments",
                        token,
                        "{\"subject\":\"Review\",\"scheduledstart\":\"2022-09-20T16:14:51Z\",\"isalldayevent\":false}",
                        "Prefer",
                        "return=representation," + ALL)
                .body();
        assertThat(appointment.get("scheduledstart@" + FORMATTED).asString()).isEqualTo("9/20/2022 4:14 PM");
        assertThat(appointment.get("isalldayevent@" + FORMATTED).asString()).isEqualTo("No");
        assertThat(appointment.get("statecode@" + FORMATTED).asString()).isEqualTo("Open");

        JsonNode feedback = client.send(
                        "POST",
                        "feedback",
                        token,
                        "{\"title\":\"Nice\",\"normalizedrating\":4.5,\"source\":1}",
                        "Prefer",
                        "return=representation," + ALL)
                .body();
        assertThat(feedback.get("normalizedrating@" + FORMATTED).asString()).isEqualTo("4.50");
        assertThat(feedback.get("source@" + FORMATTED).asString()).isEqualTo("Portal");
    }

    @Test
    void aMultiSelectChoiceShowsItsLabelsJoinedAsDataverseJoinsThem() {
        JsonNode profile = client.send(
                        "POST",
                        "adx_columnpermissionprofiles",
                        client.token("powerpages-studio"), // the site's tables are the maker's to write
                        "{\"adx_profilename\":\"Readers\",\"adx_allcolumnpermissions\":\"746610001,746610002\"}",
                        "Prefer",
                        "return=representation," + ALL)
                .body();

        assertThat(profile.get("adx_allcolumnpermissions").asString()).isEqualTo("746610001,746610002");
        assertThat(profile.get("adx_allcolumnpermissions@" + FORMATTED).asString())
                .isEqualTo("Read; Update");
    }

    @Test
    void onlyTheAnnotationsAskedForAreAnswered() {
        String incident = createIncident(3);
        String path = "incidents(" + incident + ")?$select=prioritycode,_primarycontactid_value";

        JsonNode formattedOnly = client.get(path, token, "Prefer", "odata.include-annotations=\"" + FORMATTED + "\"")
                .body();
        assertThat(formattedOnly.has("prioritycode@" + FORMATTED)).isTrue();
        assertThat(formattedOnly.has("_primarycontactid_value@" + FORMATTED)).isTrue();
        assertThat(formattedOnly.has("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname"))
                .isFalse();

        StoreClient.Response crmOnly =
                client.get(path, token, "Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.*\"");
        assertThat(crmOnly.header("Preference-Applied"))
                .isEqualTo("odata.include-annotations=\"Microsoft.Dynamics.CRM.*\"");
        assertThat(crmOnly.body().has("prioritycode@" + FORMATTED)).isFalse();
        assertThat(crmOnly.body().has("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname"))
                .isTrue();

        JsonNode allButLogicalNames = client.get(
                        path,
                        token,
                        "Prefer",
                        "odata.include-annotations=\"*,-Microsoft.Dynamics.CRM.lookuplogicalname\"")
                .body();
        assertThat(allButLogicalNames.has("_primarycontactid_value@" + FORMATTED))
                .isTrue();
        assertThat(allButLogicalNames.has("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname"))
                .isFalse();
    }

    @Test
    void aCollectionAnswerNamesEveryRowsLookupAndCountsAsDataverseDoes() {
        StoreClient.Response response = client.get(
                "contacts?$select=fullname,_parentcustomerid_value&$filter=lastname eq 'McKay'",
                token,
                "Prefer",
                ALL + ",odata.maxpagesize=10");

        assertThat(response.header("Preference-Applied")).isEqualTo(ALL + ",odata.maxpagesize=10");
        assertThat(response.body()
                        .get("@Microsoft.Dynamics.CRM.totalrecordcount")
                        .asLong())
                .isEqualTo(-1);
        assertThat(response.body()
                        .get("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded")
                        .asBoolean())
                .isFalse();
        JsonNode yvonne = response.body().at("/value/0");
        assertThat(yvonne.get("_parentcustomerid_value@" + FORMATTED).asString())
                .isEqualTo("Fourth Coffee");
        assertThat(yvonne.get("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty")
                        .asString())
                .isEqualTo("parentcustomerid_account");
        assertThat(yvonne.get("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname")
                        .asString())
                .isEqualTo("account");
    }

    @Test
    void expandedRowsCarryTheirAnnotationsToo() {
        JsonNode account = client.get(
                        "accounts(" + FOURTH_COFFEE
                                + ")?$select=name&$expand=contact_customer_accounts($select=fullname,_parentcustomerid_value)",
                        token,
                        "Prefer",
                        ALL)
                .body();

        JsonNode contact = account.at("/contact_customer_accounts/0");
        assertThat(contact.get("_parentcustomerid_value@" + FORMATTED).asString())
                .isEqualTo("Fourth Coffee");

        JsonNode yvonne = client.get(
                        "contacts(" + YVONNE
                                + ")?$select=fullname&$expand=parentcustomerid_account($select=name,statecode)",
                        token,
                        "Prefer",
                        ALL)
                .body();
        assertThat(yvonne.at("/parentcustomerid_account/statecode@" + FORMATTED).asString())
                .isEqualTo("Active");
    }

    @Test
    void aBatchedReadAnswersTheAnnotationsItsPartAskedFor() {
        String body = """
                --batch_ANN
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                GET contacts(%s)?$select=_parentcustomerid_value HTTP/1.1
                Prefer: odata.include-annotations="*"

                --batch_ANN--
                """.formatted(YVONNE).replace("\n", "\r\n");

        String text = client.post("$batch", token, "multipart/mixed; boundary=batch_ANN", body)
                .raw()
                .body();

        assertThat(text)
                .contains(
                        "Preference-Applied: odata.include-annotations=\"*\"",
                        "\"_parentcustomerid_value@OData.Community.Display.V1.FormattedValue\":\"Fourth Coffee\"");
    }

    private String createIncident(int priority) {
        StoreClient.Response created = client.send(
                "POST",
                "incidents",
                token,
                "{\"title\":\"Printer jam\",\"prioritycode\":" + priority
                        + ",\"primarycontactid@odata.bind\":\"/contacts(" + YVONNE + ")\"}");
        assertThat(created.status()).isEqualTo(204);
        String entityId = created.header("OData-EntityId");
        return entityId.substring(entityId.lastIndexOf('(') + 1, entityId.length() - 1);
    }
}
