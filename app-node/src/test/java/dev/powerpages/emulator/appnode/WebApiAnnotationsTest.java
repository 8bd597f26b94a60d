package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Prefer: odata.include-annotations} on {@code /_api}: passed on to the store, echoed, and the annotations of
 * columns the visitor may not read never let through (the fake store annotates every column of a row, as a careless
 * store would).
 */
class WebApiAnnotationsTest extends FakeStoreTestSupport {

    private static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aScriptAskingForAnnotationsGetsTheFormattedValuesOfTheColumnsItReads() {
        HttpResponse<String> response = http.get(
                "/_api/accounts?$select=name&$filter=name%20eq%20'Contoso'",
                "Prefer", "odata.include-annotations=\"*\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Preference-Applied")).hasValue("odata.include-annotations=\"*\"");
        assertThat(STORE.lastAnnotationPreference()).isEqualTo("odata.include-annotations=\"*\"");
        JsonNode contoso = json.readTree(response.body()).at("/value/0");
        assertThat(contoso.get("name" + FORMATTED).asString()).isEqualTo("formatted Contoso");
        // telephone1 is one of the table's Web API fields, but this query did not select it.
        assertThat(contoso.has("telephone1" + FORMATTED)).isFalse();
    }

    @Test
    void aHiddenColumnsFormattedValueIsNotLeakedThroughTheWebApi() {
        HttpResponse<String> response =
                http.get("/_api/contacts?$select=fullname", "Prefer", "odata.include-annotations=\"*\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"fullname" + FORMATTED + "\"")
                .doesNotContain("adx_identity_passwordhash", "AQAAAAEAAYag", "adx_identity_logonenabled");
    }

    @Test
    void onlyTheAnnotationsTheScriptNamesAreAnswered() {
        HttpResponse<String> response = http.get(
                "/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")?$select=name",
                "Prefer",
                "odata.include-annotations=\"Microsoft.Dynamics.CRM.*\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(FORMATTED);
    }

    @Test
    void anExpansionWithoutItsOwnSelectReadsOnlyTheRelatedTablesListedFields() {
        HttpResponse<String> response = http.get(
                "/_api/accounts?$select=name&$expand=primarycontactid", "Prefer", "odata.include-annotations=\"*\"");

        assertThat(response.statusCode()).isEqualTo(200);
        // Webapi/contact/fields: never every column (the password hash and its annotations) of the related contact.
        assertThat(STORE.lastExpand())
                .isEqualTo("primarycontactid($select=fullname,firstname,lastname,emailaddress1,adx_identity_username)");
    }

    @Test
    void withoutThePreferenceNothingChanges() {
        HttpResponse<String> response = http.get("/_api/accounts?$select=name&$filter=name%20eq%20'Fabrikam'");

        assertThat(response.headers().firstValue("Preference-Applied")).isEmpty();
        assertThat(response.body()).doesNotContain(FORMATTED);
    }
}
