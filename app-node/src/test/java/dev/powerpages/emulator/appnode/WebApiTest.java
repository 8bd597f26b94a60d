package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitors' Web API: table permissions of the Anonymous Users role, options passed on, per-user caching, and
 * OData links on the site's own {@code /_api} rather than the store.
 */
class WebApiTest extends FakeStoreTestSupport {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anonymousVisitorReadsATableWithGlobalReadPermissionPassingSelectFilterAndTop() {
        HttpResponse<String> response = http.get("/_api/accounts?$select=name&$filter=name%20eq%20'Fabrikam'&$top=5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"Fabrikam\"").doesNotContain("Contoso", "telephone1");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("private"));
    }

    @Test
    void readsOneRowById() {
        HttpResponse<String> response =
                http.get("/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")?$select=name,telephone1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"Contoso\"", "\"telephone1\":\"555-0100\"");
    }

    @Test
    void tableWithoutAnAnonymousPermissionIsForbiddenWithPowerPagesReadPermissionCode90040120() {
        HttpResponse<String> response = http.get("/_api/leads");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"90040120\",\"message\":\"You don't have permission to read lead entity.\"}}");
    }

    @Test
    void unknownSegmentIs404WithResourceNotFoundCode9004010C() {
        HttpResponse<String> response = http.get("/_api/accounts(not-a-guid)");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .contains("\"code\":\"9004010C\"", "Resource not found for the segment 'accounts(not-a-guid)'.");
    }

    @Test
    void contactPasswordHashesNeverLeaveTheNode() {
        HttpResponse<String> all = http.get("/_api/contacts");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body())
                .contains("adx_identity_username")
                .doesNotContain("adx_identity_passwordhash", "AQAAAAEAAYag");

        HttpResponse<String> selected = http.get("/_api/contacts?$select=fullname,adx_identity_passwordhash");
        assertThat(selected.statusCode()).isEqualTo(403);
        assertThat(selected.body())
                .contains(
                        "\"code\":\"90040101\"",
                        "Attribute adx_identity_passwordhash in table contact is not enabled for Web Api.");
        assertThat(http.get("/_api/contacts?$filter=adx_identity_passwordhash%20eq%20'x'")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void createNeedsTheCreatePrivilegeElse90040103() {
        HttpResponse<String> response = http.post("/_api/accounts", "{\"name\":\"Northwind\"}", http.apiToken());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"90040103\",\"message\":\"You don't have permission to create account entity.\"}}");
        assertThat(STORE.rows("accounts")).noneMatch(row -> "Northwind".equals(row.get("name")));
    }

    @Test
    void readsAreCachedAndAWriteBySiteClearsTheTable() {
        // Filtered to the row the test creates: other tests add contacts, and a page holds only four rows.
        String query = "/_api/contacts?$select=fullname&$filter=fullname%20eq%20%27Grace%20Hopper%27";
        int readsBefore = STORE.collectionReads("contacts");
        assertThat(http.get(query).body()).contains("\"value\":[]").doesNotContain("Grace Hopper");
        http.get(query);
        assertThat(STORE.collectionReads("contacts") - readsBefore)
                .as("second read served from the cache")
                .isEqualTo(1);

        HttpResponse<String> created = http.post("/_api/contacts", "{\"fullname\":\"Grace Hopper\"}", http.apiToken());

        assertThat(created.statusCode()).isEqualTo(204);
        assertThat(created.headers().firstValue("OData-EntityId"))
                .hasValueSatisfying(
                        id -> assertThat(id).matches("http://localhost:" + port + "/_api/contacts\\([0-9a-f-]{36}\\)"));
        assertThat(http.get(query).body()).contains("Grace Hopper");
    }

    @Test
    void aChangeMadeElsewhereShowsAfterTheMaximumAge() {
        String query = "/_api/accounts?$select=name,telephone1&$filter=name%20eq%20'Contoso'";
        assertThat(http.get(query).body()).contains("555-0100");

        STORE.update("accounts", "name", "Contoso", "telephone1", "555-0199");

        assertThat(http.get(query).body()).as("still cached").contains("555-0100");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get(query).body().contains("555-0199"));
        STORE.update("accounts", "name", "Contoso", "telephone1", "555-0100");
    }

    @Test
    void unsupportedOptionsAndBadBodiesAreClear4xx() {
        assertThat(http.get("/_api/accounts?$skip=2").statusCode()).isEqualTo(400);
        assertThat(http.get("/_api/accounts?$top=many").statusCode()).isEqualTo(400);
        assertThat(http.post("/_api/contacts", "not json", http.apiToken()).statusCode())
                .isEqualTo(400);
        HttpResponse<String> badFilter = http.get("/_api/accounts?$filter=startswith(name,'C')");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body())
                .as("a Dataverse error: CDSError with the store's own code and message inside")
                .startsWith(
                        "{\"error\":{\"code\":\"9004010D\",\"message\":\"CDS error occurred.\",\"innererror\":{\"code\":\"0x80060888\"")
                .contains("$filter is not supported");
        assertThat(http.get("/_api/accounts?$skip=2").body()).contains("\"code\":\"9004010A\"");
    }

    @Test
    void odataContextNamesTheSitesOwnWebApiNeverTheStore() {
        String site = "http://localhost:" + port;

        HttpResponse<String> collection = http.get("/_api/accounts?$select=name");
        assertThat(collection.statusCode()).isEqualTo(200);
        assertThat(collection.body())
                .startsWith("{\"@odata.context\":\"" + site + "/_api/$metadata#accounts\",")
                .doesNotContain(STORE.url(), "/api/data/v9.2");

        HttpResponse<String> row = http.get("/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")?$select=name");
        assertThat(row.statusCode()).isEqualTo(200);
        assertThat(row.body())
                .startsWith("{\"@odata.context\":\"" + site + "/_api/$metadata#accounts/$entity\",")
                .doesNotContain(STORE.url());
    }

    @Test
    void behindTheEdgeTheLinksNameTheSiteAsTheVisitorAskedForIt() throws Exception {
        // What the gateway sends the origin: its own Host, the visitor's in X-Forwarded-*.
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_api/accounts?$select=name"))
                                .header("X-Forwarded-Host", "contoso.powerappsportals.example")
                                .header("X-Forwarded-Proto", "https")
                                .header("X-Forwarded-Port", "443")
                                .header("X-Forwarded-For", "203.0.113.7")
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .startsWith(
                        "{\"@odata.context\":\"https://contoso.powerappsportals.example/_api/$metadata#accounts\",");
    }

    @Test
    void theSameCachedAnswerNamesTheHostEachVisitorUsed() throws Exception {
        String query = "/_api/accounts?$select=name,telephone1";
        int readsBefore = STORE.collectionReads("accounts");
        HttpResponse<String> byName = http.get(query);
        HttpResponse<String> byAddress = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> byNameAgain = http.get(query);

        assertThat(STORE.collectionReads("accounts") - readsBefore)
                .as("one store read, then the cache")
                .isEqualTo(1);
        assertThat(byName.body())
                .contains("\"@odata.context\":\"http://localhost:" + port + "/_api/$metadata#accounts\"");
        assertThat(byAddress.body())
                .contains("\"@odata.context\":\"http://127.0.0.1:" + port + "/_api/$metadata#accounts\"");
        assertThat(byNameAgain.body())
                .as("the cached answer was not changed in place")
                .isEqualTo(byName.body());
    }

    @Test
    void nextLinkLeadsThroughTheSitesWebApiToTheNextPage() {
        for (int i = 0; i <= FakeMetadataStore.SERVER_PAGE_SIZE; i++) {
            assertThat(http.post("/_api/contacts", "{\"fullname\":\"Page Turner\"}", http.apiToken())
                            .statusCode())
                    .isEqualTo(204);
        }
        String site = "http://localhost:" + port;

        JsonNode first =
                json.readTree(http.get("/_api/contacts?$select=fullname&$filter=fullname%20eq%20'Page%20Turner'")
                        .body());

        assertThat(first.get("value")).hasSize(FakeMetadataStore.SERVER_PAGE_SIZE);
        String nextLink = first.get("@odata.nextLink").asString();
        assertThat(nextLink)
                .startsWith(site + "/_api/contacts?")
                .contains("$skiptoken=")
                .doesNotContain(STORE.url());
        HttpResponse<String> second = http.get(nextLink.substring(site.length()));
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode secondPage = json.readTree(second.body());
        assertThat(secondPage.get("value")).hasSize(1);
        assertThat(secondPage.get("value").get(0).get("fullname").asString()).isEqualTo("Page Turner");
        assertThat(secondPage.has("@odata.nextLink")).isFalse();
    }
}
