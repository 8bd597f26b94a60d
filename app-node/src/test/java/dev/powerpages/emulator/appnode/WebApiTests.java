package dev.powerpages.emulator.appnode;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The visitors' Web API: table permissions of the Anonymous Users role, options passed on, per-user caching. */
class WebApiTests extends FakeStoreTestSupport {

    @Test
    void anonymousVisitorReadsATableWithGlobalReadPermissionPassingSelectFilterAndTop() {
        HttpResponse<String> response = http.get("/_api/accounts?$select=name&$filter=name%20eq%20'Fabrikam'&$top=5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"Fabrikam\"").doesNotContain("Contoso", "telephone1");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("private"));
    }

    @Test
    void readsOneRowById() {
        HttpResponse<String> response = http.get("/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")?$select=name,telephone1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"Contoso\"", "\"telephone1\":\"555-0100\"");
    }

    @Test
    void tableWithoutAnAnonymousPermissionIsForbiddenInThePowerPagesErrorShape() {
        HttpResponse<String> response = http.get("/_api/leads");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"error\":{\"code\":\"9004010D\",\"message\":\"You don't have permission to read the lead table");
    }

    @Test
    void createNeedsTheCreatePrivilege() {
        HttpResponse<String> response = http.post("/_api/accounts", "{\"name\":\"Northwind\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"9004010D\"", "create the account table");
        assertThat(STORE.rows("accounts")).noneMatch(row -> "Northwind".equals(row.get("name")));
    }

    @Test
    void readsAreCachedAndAWriteBySiteClearsTheTable() {
        String query = "/_api/contacts?$select=fullname";
        int readsBefore = STORE.collectionReads("contacts");
        assertThat(http.get(query).body()).contains("Ada Lovelace").doesNotContain("Grace Hopper");
        http.get(query);
        assertThat(STORE.collectionReads("contacts") - readsBefore).as("second read served from the cache").isEqualTo(1);

        HttpResponse<String> created = http.post("/_api/contacts", "{\"fullname\":\"Grace Hopper\"}");

        assertThat(created.statusCode()).isEqualTo(204);
        assertThat(created.headers().firstValue("OData-EntityId")).hasValueSatisfying(id -> assertThat(id).matches("/_api/contacts\\([0-9a-f-]{36}\\)"));
        assertThat(http.get(query).body()).contains("Ada Lovelace", "Grace Hopper");
    }

    @Test
    void aChangeMadeElsewhereShowsAfterTheMaximumAge() {
        String query = "/_api/accounts?$select=name,telephone1&$filter=name%20eq%20'Contoso'";
        assertThat(http.get(query).body()).contains("555-0100");

        STORE.update("accounts", "name", "Contoso", "telephone1", "555-0199");

        assertThat(http.get(query).body()).as("still cached").contains("555-0100");
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get(query).body().contains("555-0199"));
        STORE.update("accounts", "name", "Contoso", "telephone1", "555-0100");
    }

    @Test
    void unsupportedOptionsAndBadBodiesAreClear4xx() {
        assertThat(http.get("/_api/accounts?$expand=primarycontactid").statusCode()).isEqualTo(400);
        assertThat(http.get("/_api/accounts?$top=many").statusCode()).isEqualTo(400);
        assertThat(http.post("/_api/contacts", "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> badFilter = http.get("/_api/accounts?$filter=startswith(name,'C')");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).as("the store's answer, passed on").startsWith("{\"error\":{").contains("\"code\":", "$filter is not supported");
    }
}
