package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A choice takes only its options, as Dataverse checks it; a choice whose options the schema does not name takes any. */
class ChoiceValidationTest extends WebApiTestSupport {

    private static final String OUT_OF_RANGE = "0x8004431a";

    @Test
    void anOutOfRangeChoiceIsRefusedWith400AndTheRowIsUnchanged() {
        StoreClient.Response created =
                client.send("POST", "incidents", token, "{\"title\":\"Jam\",\"prioritycode\":1}");
        String entityId = created.header("OData-EntityId");
        String incident = entityId.substring(entityId.lastIndexOf('(') + 1, entityId.length() - 1);

        StoreClient.Response refused = client.send(
                "PATCH", "incidents(" + incident + ")", token, "{\"title\":\"Changed\",\"prioritycode\":7}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/error/code").asString()).isEqualTo(OUT_OF_RANGE);
        assertThat(refused.body().at("/error/message").asString())
                .isEqualTo("A validation error occurred. The value 7 of 'prioritycode' on record of type 'incident' is"
                        + " outside the valid range. Accepted Values: 1,2,3.");
        StoreClient.Response row = client.get("incidents(" + incident + ")?$select=title,prioritycode", token);
        assertThat(row.body().get("title").asString()).isEqualTo("Jam");
        assertThat(row.body().get("prioritycode").asInt()).isEqualTo(1);
    }

    @Test
    void aCreateOrUpsertWithAnOutOfRangeChoiceWritesNothing() {
        String name = "Out of range " + UUID.randomUUID();
        StoreClient.Response create =
                client.send("POST", "feedback", token, "{\"title\":\"" + name + "\",\"source\":5}");
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.body().at("/error/code").asString()).isEqualTo(OUT_OF_RANGE);

        UUID id = UUID.randomUUID();
        StoreClient.Response upsert =
                client.send("PATCH", "feedback(" + id + ")", token, "{\"title\":\"" + name + "\",\"statecode\":4}");
        assertThat(upsert.status()).isEqualTo(400);
        assertThat(upsert.body().at("/error/message").asString()).contains("Accepted Values: 0,1.");

        assertThat(client.get("feedback?$filter=title eq '" + name + "'", token)
                        .body()
                        .get("value"))
                .isEmpty();
    }

    @Test
    void aMultiSelectChoiceTakesOnlyItsOptions() {
        StoreClient.Response refused = client.send(
                "POST",
                "adx_columnpermissionprofiles",
                client.token("powerpages-studio"), // the site's tables are the maker's to write
                "{\"adx_profilename\":\"Odd\",\"adx_allcolumnpermissions\":\"746610001,12\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/error/message").asString())
                .contains(
                        "The value 12 of 'adx_allcolumnpermissions'", "Accepted Values: 746610000,746610001,746610002");
    }

    @Test
    void aChoiceWhoseOptionsTheSchemaDoesNotNameTakesAnyWholeNumber() {
        StoreClient.Response created = client.send(
                "POST",
                "adx_entityforms",
                client.token("powerpages-studio"),
                "{\"adx_name\":\"Any source\",\"adx_entitysourcetype\":42}");

        assertThat(created.status()).isEqualTo(204);
    }

    @Test
    void aStatusReasonTheMakerAddedIsTakenWhereTheSchemaKnowsOnlyDataversesDefaults() {
        String name = "Own status reason " + UUID.randomUUID();
        StoreClient.Response created =
                client.send("POST", "feedback", token, "{\"title\":\"" + name + "\",\"statuscode\":100000001}");

        assertThat(created.status()).isEqualTo(204);
        assertThat(client.get("feedback?$filter=title eq '" + name + "'&$select=statuscode", token)
                        .body()
                        .at("/value/0/statuscode")
                        .asInt())
                .isEqualTo(100000001);
    }

    @Test
    void anOutOfRangeChoiceInAChangeSetRollsTheChangeSetBack() {
        String name = "Batched out of range " + UUID.randomUUID();
        String body = """
                --batch_OOR
                Content-Type: multipart/mixed; boundary=changeset_OOR

                --changeset_OOR
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST incidents HTTP/1.1
                Content-Type: application/json

                {"title":"%s","prioritycode":2}
                --changeset_OOR
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                POST incidents HTTP/1.1
                Content-Type: application/json

                {"title":"%s","caseorigincode":99}
                --changeset_OOR--
                --batch_OOR--
                """.formatted(name, name).replace("\n", "\r\n");

        String text = client.post("$batch", token, "multipart/mixed; boundary=batch_OOR", body)
                .raw()
                .body();

        assertThat(text).contains("HTTP/1.1 400", OUT_OF_RANGE).doesNotContain("HTTP/1.1 204");
        assertThat(client.get("incidents?$filter=title eq '" + name + "'", token)
                        .body()
                        .get("value"))
                .isEmpty();
    }
}
