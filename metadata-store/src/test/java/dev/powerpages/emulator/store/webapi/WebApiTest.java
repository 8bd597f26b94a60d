package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebApiTest extends WebApiTestSupport {

    private static final String CONTOSO = "10000000-0000-4000-8000-000000000001";

    @Test
    void listsTheSeededWebPagesOfTheWebsite() {
        StoreClient.Response response = client.get(
                "adx_webpages?$select=adx_name,adx_partialurl,_adx_parentpageid_value"
                        + "&$filter=_adx_websiteid_value eq " + CONTOSO + "&$orderby=adx_displayorder,adx_name",
                token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("OData-Version")).isEqualTo("4.0");
        assertThat(response.body().get("@odata.context").asString())
                .isEqualTo(
                        "http://localhost:8070/api/data/v9.2/$metadata#adx_webpages(adx_name,adx_partialurl,_adx_parentpageid_value)");
        List<String> names = names(response.body().get("value"), "adx_name");
        assertThat(names)
                .contains("Home", "About", "Team", "Contact us", "Page Not Found")
                .hasSize(6);
        JsonNode home = row(response.body().get("value"), "adx_name", "Home");
        assertThat(home.get("adx_partialurl").asString()).isEqualTo("/");
        assertThat(home.get("_adx_parentpageid_value").isNull()).isTrue();
        assertThat(home.get("@odata.etag").asString()).matches("W/\"\\d+\"");
        // $select limits the columns to those asked for, the primary key and the etag.
        assertThat(home.propertyNames())
                .containsExactlyInAnyOrder(
                        "@odata.etag", "adx_webpageid", "adx_name", "adx_partialurl", "_adx_parentpageid_value");
    }

    @Test
    void filtersWithLogicalOperatorsAndCountsMatches() {
        StoreClient.Response response = client.get(
                "adx_webpages?$select=adx_name&$count=true&$top=1"
                        + "&$filter=_adx_parentpageid_value eq 14000000-0000-4000-8000-000000000001 and not (adx_name eq 'page not found' or adx_hiddenfromsitemap eq true)",
                token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("@odata.count").asInt()).isEqualTo(3); // About, Contact us, Coming soon
        assertThat(response.body().get("value")).hasSize(1);
    }

    /**
     * Dataverse's databases use a case-insensitive collation, so {@code eq} and the string functions
     * ignore case; a {@code %} or {@code _} in a contains() argument is a character, not a wildcard.
     */
    @Test
    void comparesTextCaseInsensitivelyAndMatchesWildcardsLiterally() {
        String tag = "Case " + UUID.randomUUID().toString().substring(0, 8);
        String discounted = tag + " Fourth COFFEE 100%_off";
        String plain = tag + " fourth coffee 100 off";
        client.send("POST", "accounts", token, "{\"name\":\"" + discounted + "\",\"telephone1\":\"+1 555 0100\"}");
        client.send("POST", "accounts", token, "{\"name\":\"" + plain + "\"}");
        String ours = "startswith(name,'" + tag.toUpperCase() + "')";

        assertThat(accountNames(ours + " and contains(name,'Coffee') and endswith(name,'OFF')"))
                .containsExactlyInAnyOrder(discounted, plain);
        assertThat(accountNames(ours + " and contains(name,'100%25_')")).containsExactly(discounted);
        assertThat(accountNames("name eq '" + plain.toUpperCase() + "'")).containsExactly(plain);
        assertThat(accountNames(ours + " and telephone1 eq null")).containsExactly(plain);
        assertThat(accountNames(ours + " and telephone1 ne null")).containsExactly(discounted);
    }

    private List<String> accountNames(String filter) {
        StoreClient.Response response = client.get("accounts?$select=name&$filter=" + filter, token);
        assertThat(response.status()).as(filter).isEqualTo(200);
        return names(response.body().get("value"), "name");
    }

    @Test
    void countsAnEntitySetAsPlainTextAtItsCountSegment() {
        StoreClient.Response count = client.get("adx_websites/$count", token);

        assertThat(count.status()).isEqualTo(200);
        assertThat(count.header("Content-Type")).startsWith("text/plain");
        assertThat(count.raw().body()).isEqualTo("1");
        assertThat(client.get("adx_nothings/$count", token).status()).isEqualTo(404);
        assertThat(client.get("adx_websites/$count", client.token("powerpages-readonly"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void servesMetadataAsCsdlXml() {
        StoreClient.Response response = client.get("$metadata", token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/xml");
        assertThat(response.raw().body())
                .contains("<edmx:Edmx", "Namespace=\"Microsoft.Dynamics.CRM\"", "EntitySet Name=\"accounts\"");
    }

    @Test
    void unknownEntitySetAnswersDataverseError() {
        StoreClient.Response response = client.get("adx_nothings", token);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().at("/error/code").asString()).isEqualTo("0x8006088a");
        assertThat(response.body().at("/error/message").asString()).contains("adx_nothings");
        assertThat(response.raw().body())
                .as("code before message, as Dataverse writes it")
                .startsWith("{\"error\":{\"code\":\"0x8006088a\",\"message\":\"");
    }

    @Test
    void serviceDocumentKeepsODatasKeyOrder() {
        StoreClient.Response response = client.get("", token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw().body())
                .matches(
                        "\\{\"@odata\\.context\":\"[^\"]+/api/data/v9\\.2/\\$metadata\",\"value\":\\[\\{\"name\":\"[a-z_]+\",\"kind\":\"EntitySet\",\"url\":\"[a-z_]+\"}.*")
                .contains("{\"name\":\"accounts\",\"kind\":\"EntitySet\",\"url\":\"accounts\"}");
    }

    @Test
    void malformedQueriesAreBadRequestsNotServerErrors() {
        for (String query : List.of(
                "accounts?$filter=name eq",
                "accounts?$filter=revenue gt 'lots'",
                "accounts?$select=nosuchcolumn",
                "accounts?$top=many",
                "accounts(not-a-guid)",
                "accounts?$skip=1")) {
            StoreClient.Response response = client.get(query, token);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body().at("/error/code").asString()).as(query).isEqualTo("0x80060888");
        }
        StoreClient.Response badPayload = client.send("POST", "accounts", token, "{\"numberofemployees\":\"many\"}");
        assertThat(badPayload.status()).isEqualTo(400);
        assertThat(badPayload.body().at("/error/code").asString()).isEqualTo("0x80048d19");
    }

    /** Values the database cannot hold are the client's error on every database (PostgreSQL's text has no NUL). */
    @Test
    void valuesTheDatabaseCannotHoldAreBadRequests() {
        for (String payload : List.of("{\"name\":\"nul\\u0000byte\"}", "{\"revenue\":1e30}")) {
            StoreClient.Response response = client.send("POST", "accounts", token, payload);
            assertThat(response.status()).as(payload).isEqualTo(400);
            assertThat(response.body().at("/error/code").asString()).as(payload).isEqualTo("0x80048d19");
        }
        for (String query : List.of(
                "accounts?$filter=contains(name,'nul%00byte')",
                "accounts?$filter=name eq 'nul%00byte'", "accounts(accountnumber='nul%00byte')")) {
            StoreClient.Response response = client.get(query, token);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body().at("/error/code").asString()).as(query).isEqualTo("0x80060888");
        }
    }

    @Test
    void createsUpdatesAndDeletesAnAccount() {
        StoreClient.Response created = client.send(
                "POST",
                "accounts",
                token,
                "{\"name\":\"Northwind Traders\",\"revenue\":1500.25,\"numberofemployees\":12}");
        assertThat(created.status()).isEqualTo(204);
        String entityId = created.header("OData-EntityId");
        assertThat(entityId).matches("http://localhost:8070/api/data/v9.2/accounts\\([0-9a-f-]{36}\\)");
        String path = entityId.substring(entityId.lastIndexOf('/') + 1);

        JsonNode row = client.get(path, token).body();
        assertThat(row.get("name").asString()).isEqualTo("Northwind Traders");
        assertThat(row.get("revenue").decimalValue()).isEqualByComparingTo("1500.25");
        assertThat(row.get("statecode").asInt()).isZero();
        String etag = row.get("@odata.etag").asString();

        StoreClient.Response updated = client.send("PATCH", path, token, "{\"telephone1\":\"+1 555 0199\"}");
        assertThat(updated.status()).isEqualTo(204);
        JsonNode afterUpdate =
                client.get(path + "?$select=name,telephone1", token).body();
        assertThat(afterUpdate.get("telephone1").asString()).isEqualTo("+1 555 0199");
        assertThat(afterUpdate.get("name").asString()).isEqualTo("Northwind Traders");
        assertThat(afterUpdate.get("@odata.etag").asString()).isNotEqualTo(etag);

        StoreClient.Response deleted = client.send("DELETE", path, token, null);
        assertThat(deleted.status()).isEqualTo(204);
        StoreClient.Response gone = client.get(path, token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().at("/error/code").asString()).isEqualTo("0x80040217");
    }

    @Test
    void keepsAppointmentsUnderTheActivityKeyAsASitesWebApiCallsWriteThem() {
        // As a real site's page sends it (pac download of MSmithTriad/GDS-Power-Page: its own appointments page).
        StoreClient.Response created = client.send("POST", "appointments", token, """
                {"subject":"Passport interview","description":"Bring two photos",
                 "scheduledstart":"2026-12-08T09:30:00Z","scheduledend":"2026-12-08T10:00:00Z"}""");
        assertThat(created.status()).isEqualTo(204);
        String entityId = created.header("OData-EntityId");
        assertThat(entityId).matches(".*/appointments\\([0-9a-f-]{36}\\)");

        JsonNode listed = client.get(
                        "appointments?$select=subject,scheduledstart,instancetypecode&$orderby=scheduledstart desc",
                        token)
                .body();
        JsonNode row = listed.get("value").get(0);
        assertThat(row.get("subject").asString()).isEqualTo("Passport interview");
        assertThat(entityId).endsWith("(" + row.get("activityid").asString() + ")");
        assertThat(row.get("scheduledstart").asString()).isEqualTo("2026-12-08T09:30:00Z");

        StoreClient.Response feedback = client.send(
                "POST",
                "feedback",
                token,
                "{\"title\":\"Helpful\",\"rating\":4,\"maxrating\":5,\"adx_approved\":true}");
        assertThat(feedback.status()).isEqualTo(204);
        assertThat(client.get("feedback?$filter=adx_approved eq true&$select=title,rating", token)
                        .body()
                        .at("/value/0/rating")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void bindsLookupsThroughNavigationProperties() {
        StoreClient.Response created = client.send("POST", "contacts", token, """
                {"firstname":"Ann","lastname":"Lee",
                 "parentcustomerid_account@odata.bind":"/accounts(20000000-0000-4000-8000-000000000002)"}""");
        assertThat(created.status()).isEqualTo(204);

        JsonNode contacts = client.get(
                        "contacts?$select=firstname"
                                + "&$filter=_parentcustomerid_value eq 20000000-0000-4000-8000-000000000002",
                        token)
                .body()
                .get("value");
        assertThat(names(contacts, "firstname")).containsExactlyInAnyOrder("Susanna", "Ann");
    }

    @Test
    void rejectsAnUpdateOfAStaleRowVersion() {
        String path = "accounts(20000000-0000-4000-8000-000000000002)";
        String etag = client.get(path, token).body().get("@odata.etag").asString();
        assertThat(client.send("PATCH", path, token, "{\"telephone1\":\"+1 555 0199\"}")
                        .status())
                .isEqualTo(204);

        StoreClient.Response conflicting = client.patchIfMatch(path, token, etag, "{\"telephone1\":\"Lost update\"}");

        assertThat(conflicting.status()).isEqualTo(412);
        assertThat(conflicting.body().at("/error/code").asString()).isEqualTo("0x80060882");
        assertThat(client.get(path, token).body().get("telephone1").asString()).isEqualTo("+1 555 0199");
    }

    @Test
    void whoAmINamesTheCallingApplicationUser() {
        JsonNode body = client.get("WhoAmI", token).body();
        assertThat(body.get("OrganizationId").asString()).matches("[0-9a-f-]{36}");

        JsonNode user = client.get("systemusers(" + body.get("UserId").asString() + ")", token)
                .body();
        assertThat(user.get("fullname").asString()).isEqualTo("# powerpages-site");
        assertThat(user.get("applicationid").asString()).matches("[0-9a-f-]{36}");
        assertThat(client.get("WhoAmI()", client.token("powerpages-readonly"))
                        .body()
                        .get("UserId")
                        .asString())
                .isNotEqualTo(body.get("UserId").asString());
    }

    private static List<String> names(JsonNode rows, String column) {
        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.get(column).asString()));
        return names;
    }

    private static JsonNode row(JsonNode rows, String column, String value) {
        for (JsonNode r : rows) {
            if (value.equals(r.get(column).asString())) {
                return r;
            }
        }
        throw new AssertionError("No row with " + column + " = " + value);
    }
}
