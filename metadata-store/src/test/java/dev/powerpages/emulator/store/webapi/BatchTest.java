package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** $batch as Dataverse documents it: multipart/mixed, atomic change sets, Content-ID references. */
class BatchTest extends WebApiTestSupport {

    @Test
    void runsAChangeSetWithContentIdReferencesAndAGet() {
        String name = "Batch-" + UUID.randomUUID();
        String body = """
                --batch_AAA
                Content-Type: multipart/mixed; boundary=changeset_BBB

                --changeset_BBB
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST /api/data/v9.2/accounts HTTP/1.1
                Content-Type: application/json

                {"name":"%s"}
                --changeset_BBB
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                POST /api/data/v9.2/contacts HTTP/1.1
                Content-Type: application/json

                {"lastname":"Batched","parentcustomerid_account@odata.bind":"$1"}
                --changeset_BBB--
                --batch_AAA
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                GET /api/data/v9.2/accounts?$select=name&$filter=name%%20eq%%20'%s' HTTP/1.1
                Accept: application/json

                --batch_AAA--
                """.formatted(name, name).replace("\n", "\r\n");

        StoreClient.Response response = client.post("$batch", token, "multipart/mixed; boundary=batch_AAA", body);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).matches("multipart/mixed; ?boundary=batchresponse_[0-9a-f-]{36}");
        String text = response.raw().body();
        assertThat(text)
                .contains(
                        "Content-Type: multipart/mixed; boundary=changesetresponse_", "Content-ID: 1", "Content-ID: 2");
        assertThat(text.split("HTTP/1.1 204", -1)).hasSize(3);
        assertThat(text).contains("HTTP/1.1 200", "\"name\":\"" + name + "\"");

        String accountId = client.get("accounts?$select=name&$filter=name eq '" + name + "'", token)
                .body()
                .at("/value/0/accountid")
                .asString();
        assertThat(client.get("accounts(" + accountId + ")?$expand=contact_customer_accounts($select=lastname)", token)
                        .body()
                        .at("/contact_customer_accounts/0/lastname")
                        .asString())
                .isEqualTo("Batched");
    }

    @Test
    void aFailingChangeSetRollsBackAndAnswersItsFailureAlone() {
        String name = "Rolled back " + UUID.randomUUID();
        String body = """
                --batch_CCC
                Content-Type: multipart/mixed; boundary=changeset_DDD

                --changeset_DDD
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 1

                POST accounts HTTP/1.1
                Content-Type: application/json

                {"name":"%s"}
                --changeset_DDD
                Content-Type: application/http
                Content-Transfer-Encoding: binary
                Content-ID: 2

                PATCH accounts(00000000-0000-4000-8000-00000000dead) HTTP/1.1
                Content-Type: application/json
                If-Match: *

                {"name":"No such row"}
                --changeset_DDD--
                --batch_CCC--
                """.formatted(name).replace("\n", "\r\n");

        StoreClient.Response response = client.post("$batch", token, "multipart/mixed; boundary=batch_CCC", body);

        assertThat(response.status()).isEqualTo(200);
        String text = response.raw().body();
        assertThat(text)
                .contains("HTTP/1.1 404", "{\"error\":{\"code\":\"0x80040217\",\"message\":\"")
                .doesNotContain("changesetresponse_", "HTTP/1.1 204");
        assertThat(client.get("accounts?$filter=name eq '" + name + "'", token)
                        .body()
                        .get("value"))
                .isEmpty();
    }

    @Test
    void privilegesApplyInsideABatch() {
        String body = """
                --batch_EEE
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                DELETE accounts(20000000-0000-4000-8000-000000000001) HTTP/1.1

                --batch_EEE--
                """.replace("\n", "\r\n");

        String text = client.post(
                        "$batch", client.token("powerpages-readonly"), "multipart/mixed; boundary=batch_EEE", body)
                .raw()
                .body();

        assertThat(text).contains("HTTP/1.1 403", "0x80040220");
    }
}
