package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Change tracking as Dataverse documents it: Prefer: odata.track-changes, @odata.deltaLink, $deletedEntity. */
class ChangeTrackingTest extends WebApiTestSupport {

    @Test
    void trackChangesPreferenceAnswersAllRowsAndADeltaLink() {
        StoreClient.Response response = client.get("accounts?$select=name", token, "Prefer", "odata.track-changes");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Preference-Applied")).isEqualTo("odata.track-changes");
        assertThat(response.body().get("@odata.context").asString())
                .isEqualTo("http://localhost:8070/api/data/v9.2/$metadata#accounts(name)/$delta");
        assertThat(names(response.body().get("value"))).contains("Fourth Coffee", "Litware, Inc.", "Adventure Works");
        assertThat(response.body().get("@odata.deltaLink").asString())
                .startsWith("http://localhost:8070/api/data/v9.2/accounts?$select=name&$deltatoken=")
                .matches(".*\\$deltatoken=\\d+!.*");
    }

    @Test
    void deltaLinkReturnsCreatedChangedAndDeletedRowsSinceTheToken() {
        String kept = created("Delta kept");
        String changed = created("Delta changed");
        String deleted = created("Delta deleted");
        String deltaLink = client.get("accounts?$select=name", token, "Prefer", "odata.track-changes")
                .body()
                .get("@odata.deltaLink")
                .asString();

        String added = created("Delta added");
        assertThat(client.send("PATCH", "accounts(" + changed + ")", token, "{\"name\":\"Delta changed again\"}")
                        .status())
                .isEqualTo(204);
        assertThat(client.send("DELETE", "accounts(" + deleted + ")", token, null)
                        .status())
                .isEqualTo(204);

        StoreClient.Response delta = client.follow(deltaLink, token);
        assertThat(delta.status()).isEqualTo(200);
        JsonNode value = delta.body().get("value");
        assertThat(ids(value, "accountid")).containsExactlyInAnyOrder(added, changed);
        assertThat(ids(value, "accountid")).doesNotContain(kept);
        JsonNode tombstone = entry(value, "id", deleted);
        assertThat(tombstone.get("@odata.context").asString())
                .isEqualTo("http://localhost:8070/api/data/v9.2/$metadata#accounts/$deletedEntity");
        assertThat(tombstone.get("reason").asString()).isEqualTo("deleted");
        assertThat(entry(value, "accountid", changed).get("name").asString()).isEqualTo("Delta changed again");

        // the new deltaLink starts from here: nothing has changed since
        StoreClient.Response next =
                client.follow(delta.body().get("@odata.deltaLink").asString(), token);
        assertThat(next.body().get("value")).isEmpty();
        assertThat(next.body().get("@odata.deltaLink").asString())
                .isNotEqualTo(delta.body().get("@odata.deltaLink").asString());
    }

    @Test
    void rowsThatNoLongerMatchTheFilterAreReportedAsChanged() {
        String moved = created("Filtered in");
        String deltaLink = client.get(
                        "accounts?$select=name&$filter=startswith(name,'Filtered')",
                        token,
                        "Prefer",
                        "odata.track-changes")
                .body()
                .get("@odata.deltaLink")
                .asString();

        client.send("PATCH", "accounts(" + moved + ")", token, "{\"name\":\"Moved out\"}");

        JsonNode value = client.follow(deltaLink, token).body().get("value");
        assertThat(entry(value, "id", moved).get("reason").asString()).isEqualTo("changed");
    }

    @Test
    void anInvalidDeltaTokenIsABadRequestInDataversesShape() {
        StoreClient.Response response = client.get("accounts?$deltatoken=not-a-token", token);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/code").asString()).isEqualTo("0x80060888");
        assertThat(response.body().at("/error/message").asString()).contains("delta token");
    }

    private String created(String name) {
        String entityId = client.send("POST", "accounts", token, "{\"name\":\"" + name + "\"}")
                .header("OData-EntityId");
        return entityId.substring(entityId.indexOf('(') + 1, entityId.indexOf(')'));
    }

    private static List<String> names(JsonNode rows) {
        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.path("name").asString()));
        return names;
    }

    private static List<String> ids(JsonNode rows, String key) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> {
            if (r.has(key)) {
                ids.add(r.get(key).asString());
            }
        });
        return ids;
    }

    private static JsonNode entry(JsonNode rows, String key, String value) {
        for (JsonNode row : rows) {
            if (row.has(key) && row.get(key).asString().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("No entry with " + key + " = " + value + " in " + rows);
    }
}
