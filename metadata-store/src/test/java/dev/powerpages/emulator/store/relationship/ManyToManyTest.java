package dev.powerpages.emulator.store.relationship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Many-to-many relationships as Dataverse's Web API has them: the collection-valued navigation property on both
 * sides, $expand, associate and disassociate with $ref, an intersect table that can be read but not written, and
 * associations that end with their row.
 */
class ManyToManyTest extends WebApiTestSupport {

    static final String ANONYMOUS = "22000000-0000-4000-8000-000000000001";
    static final String AUTHENTICATED = "22000000-0000-4000-8000-000000000002";
    static final String ANONYMOUS_ACCOUNT_READ = "23000000-0000-4000-8000-000000000001";

    String studio;

    @BeforeEach
    void studioToken() {
        studio = client.token("powerpages-studio");
    }

    @Test
    void expandsTheWebRolesOfATablePermissionFromEitherSide() {
        JsonNode permission = client.get(
                        "adx_entitypermissions(" + ANONYMOUS_ACCOUNT_READ
                                + ")?$select=adx_entityname&$expand=adx_entitypermission_webrole($select=adx_name)",
                        token)
                .body();
        assertThat(names(permission.get("adx_entitypermission_webrole"), "adx_name"))
                .containsExactly("Anonymous Users");

        JsonNode role = client.get(
                        "adx_webroles(" + ANONYMOUS
                                + ")?$select=adx_name&$expand=adx_entitypermission_webrole($select=adx_entityname)",
                        token)
                .body();
        assertThat(names(role.get("adx_entitypermission_webrole"), "adx_entityname"))
                .contains("Accounts - anonymous read", "Contacts - anonymous read and create");
    }

    @Test
    void associatesAndDisassociatesWithRef() {
        String permission = createdPermission("Ref test");
        StoreClient.Response associated = client.send(
                "POST",
                "adx_entitypermissions(" + permission + ")/adx_entitypermission_webrole/$ref",
                studio,
                "{\"@odata.id\":\"http://localhost:8070/api/data/v9.2/adx_webroles(" + AUTHENTICATED + ")\"}");
        assertThat(associated.status()).isEqualTo(204);
        // again: nothing changes
        assertThat(client.send(
                                "POST",
                                "adx_entitypermissions(" + permission + ")/adx_entitypermission_webrole/$ref",
                                studio,
                                "{\"@odata.id\":\"adx_webroles(" + AUTHENTICATED + ")\"}")
                        .status())
                .isEqualTo(204);
        client.send(
                "POST",
                "adx_entitypermissions(" + permission + ")/adx_entitypermission_webrole/$ref",
                studio,
                "{\"@odata.id\":\"adx_webroles(" + ANONYMOUS + ")\"}");
        assertThat(roles(permission)).containsExactlyInAnyOrder("Authenticated Users", "Anonymous Users");
        assertThat(client.get("adx_entitypermission_webroleset?$filter=adx_entitypermissionid eq " + permission, token)
                        .body()
                        .get("value"))
                .hasSize(2);

        assertThat(client.send(
                                "DELETE",
                                "adx_entitypermissions(" + permission + ")/adx_entitypermission_webrole("
                                        + AUTHENTICATED + ")/$ref",
                                studio,
                                null)
                        .status())
                .isEqualTo(204);
        assertThat(roles(permission)).containsExactly("Anonymous Users");
        assertThat(client.send(
                                "DELETE",
                                "adx_entitypermissions(" + permission + ")/adx_entitypermission_webrole/$ref?$id="
                                        + "http://localhost:8070/api/data/v9.2/adx_webroles(" + ANONYMOUS + ")",
                                studio,
                                null)
                        .status())
                .isEqualTo(204);
        assertThat(roles(permission)).isEmpty();
    }

    @Test
    void theIntersectTableCanBeReadButNotWritten() {
        StoreClient.Response read =
                client.get("adx_entitypermission_webroleset?$filter=adx_webroleid eq " + ANONYMOUS, token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("value").size()).isGreaterThanOrEqualTo(2);

        StoreClient.Response write = client.send(
                "POST",
                "adx_entitypermission_webroleset",
                studio,
                "{\"adx_entitypermissionid\":\"" + ANONYMOUS_ACCOUNT_READ + "\",\"adx_webroleid\":\"" + AUTHENTICATED
                        + "\"}");
        assertThat(write.status()).isEqualTo(400);
        assertThat(write.body().at("/error/message").asString())
                .contains(
                        "does not support entities of type 'adx_entitypermission_webrole'",
                        "adx_entitypermission_webrole/$ref");
    }

    @Test
    void aReferenceToARowOfAnotherTableIsABadPayload() {
        StoreClient.Response response = client.send(
                "POST",
                "adx_entitypermissions(" + ANONYMOUS_ACCOUNT_READ + ")/adx_entitypermission_webrole/$ref",
                studio,
                "{\"@odata.id\":\"accounts(" + UUID.randomUUID() + ")\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/code").asString()).isEqualTo("0x80048d19");
        assertThat(response.body().at("/error/message").asString()).contains("adx_webroles");
    }

    @Test
    void associatingNeedsTheWritePrivilege() {
        StoreClient.Response response = client.send(
                "POST",
                "adx_entitypermissions(" + ANONYMOUS_ACCOUNT_READ + ")/adx_entitypermission_webrole/$ref",
                token,
                "{\"@odata.id\":\"adx_webroles(" + AUTHENTICATED + ")\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().at("/error/code").asString()).isEqualTo("0x80040220");
    }

    @Test
    void deletingARowEndsItsAssociationsAndChangeTrackingSaysSo() {
        String permission = createdPermission("Deleted with its roles");
        client.send(
                "POST",
                "adx_entitypermissions(" + permission + ")/adx_entitypermission_webrole/$ref",
                studio,
                "{\"@odata.id\":\"adx_webroles(" + AUTHENTICATED + ")\"}");
        String intersectId = client.get(
                        "adx_entitypermission_webroleset?$filter=adx_entitypermissionid eq " + permission, token)
                .body()
                .at("/value/0/adx_entitypermission_webroleid")
                .asString();
        String deltaLink = client.get("adx_entitypermission_webroleset", token, "Prefer", "odata.track-changes")
                .body()
                .get("@odata.deltaLink")
                .asString();

        assertThat(client.send("DELETE", "adx_entitypermissions(" + permission + ")", studio, null)
                        .status())
                .isEqualTo(204);

        JsonNode delta = client.follow(deltaLink, token).body().get("value");
        assertThat(delta).anySatisfy(entry -> {
            assertThat(entry.get("id").asString()).isEqualTo(intersectId);
            assertThat(entry.get("reason").asString()).isEqualTo("deleted");
        });
    }

    private String createdPermission(String name) {
        StoreClient.Response created = client.send(
                "POST",
                "adx_entitypermissions",
                studio,
                "{\"adx_entityname\":\"" + name
                        + "\",\"adx_entitylogicalname\":\"account\",\"adx_scope\":756150000,\"adx_read\":true}");
        assertThat(created.status()).isEqualTo(204);
        String location = created.header("OData-EntityId");
        return location.substring(location.indexOf('(') + 1, location.indexOf(')'));
    }

    private List<String> roles(String permission) {
        return names(
                client.get(
                                "adx_entitypermissions(" + permission
                                        + ")?$expand=adx_entitypermission_webrole($select=adx_name)",
                                token)
                        .body()
                        .get("adx_entitypermission_webrole"),
                "adx_name");
    }

    private static List<String> names(JsonNode rows, String column) {
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.get(column).asString()));
        return names;
    }
}
