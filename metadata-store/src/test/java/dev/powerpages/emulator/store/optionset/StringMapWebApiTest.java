package dev.powerpages.emulator.store.optionset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code stringmap} through the Web API: the labels of the schema's choices, queried as any table, never written. */
class StringMapWebApiTest extends WebApiTestSupport {

    @Test
    void aChoiceColumnsLabelsAreFilteredAndOrderedAsAnyTablesRows() {
        StoreClient.Response response = client.get(
                "stringmaps?$select=attributevalue,value,displayorder"
                        + "&$filter=objecttypecode eq 'incident' and attributename eq 'prioritycode' and langid eq 1033"
                        + "&$orderby=displayorder desc",
                token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(values(response.body().get("value"))).containsExactly("3 Low", "2 Normal", "1 High");
    }

    @Test
    void aPowerPagesTablesChoiceHasItsLabelsToo() {
        StoreClient.Response response = client.get(
                "stringmaps?$filter=objecttypecode eq 'adx_entitypermission' and attributename eq 'adx_scope'"
                        + "&$orderby=displayorder",
                token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(values(response.body().get("value")))
                .containsExactly(
                        "756150000 Global",
                        "756150001 Contact",
                        "756150002 Account",
                        "756150003 Parent",
                        "756150004 Self");
    }

    @Test
    void aTableWithoutStatesOfItsOwnHasDataversesDefaultStateLabels() {
        StoreClient.Response response = client.get(
                "stringmaps?$filter=objecttypecode eq 'adx_webpage' and attributename eq 'statuscode'"
                        + "&$orderby=displayorder",
                token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(values(response.body().get("value"))).containsExactly("1 Active", "2 Inactive");
    }

    @Test
    void writesAreRefusedAsDataverseRefusesThem() {
        String admin = client.token("powerpages-studio");
        StoreClient.Response some = client.get("stringmaps?$top=1&$select=value", token);
        String id = some.body().get("value").get(0).get("stringmapid").asString();

        StoreClient.Response create = client.send(
                "POST",
                "stringmaps",
                admin,
                "{\"attributename\":\"prioritycode\",\"attributevalue\":4,\"objecttypecode\":\"incident\",\"value\":\"Urgent\"}");
        StoreClient.Response update = client.send("PATCH", "stringmaps(" + id + ")", admin, "{\"value\":\"Renamed\"}");
        StoreClient.Response delete = client.send("DELETE", "stringmaps(" + id + ")", admin, null);

        for (StoreClient.Response write : List.of(create, update, delete)) {
            assertThat(write.status()).isEqualTo(400);
            assertThat(write.body().at("/error/message").asString())
                    .contains("method does not support entities of type 'stringmap'");
        }
        assertThat(client.get("stringmaps(" + id + ")?$select=value", token)
                        .body()
                        .get("value")
                        .asString())
                .isNotEqualTo("Renamed");
    }

    private static List<String> values(JsonNode rows) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(
                row.get("attributevalue").asInt() + " " + row.get("value").asString()));
        return values;
    }
}
