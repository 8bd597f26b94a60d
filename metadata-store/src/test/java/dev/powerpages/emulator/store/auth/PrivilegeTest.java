package dev.powerpages.emulator.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each client acts as its application user, whose security role the Web API enforces per table. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class PrivilegeTest {

    private static final String SNIPPET = "adx_contentsnippets(15000000-0000-4000-8000-000000000001)";

    @LocalServerPort
    int port;

    @Test
    void theReadOnlyUserReadsButGetsDataversesPrivilegeErrorOnWrites() {
        StoreClient client = new StoreClient(port);
        String readOnly = client.token("powerpages-readonly");

        assertThat(client.get("accounts?$select=name", readOnly).status()).isEqualTo(200);
        StoreClient.Response create = client.send("POST", "accounts", readOnly, "{\"name\":\"Not allowed\"}");

        assertThat(create.status()).isEqualTo(403);
        assertThat(create.body().at("/error/code").asString()).isEqualTo("0x80040220");
        String userId = client.get("WhoAmI", readOnly).body().get("UserId").asString();
        assertThat(create.body().at("/error/message").asString())
                .startsWith("Principal user (Id=" + userId + ", type=8")
                .contains("is missing prvCreateaccount privilege");
        assertThat(client.send("DELETE", "accounts(20000000-0000-4000-8000-000000000001)", readOnly, null)
                        .status())
                .isEqualTo(403);
        assertThat(client.get("accounts(20000000-0000-4000-8000-000000000001)", readOnly)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theSiteReadsWebsiteTablesAndWritesBusinessTablesOnly() {
        StoreClient client = new StoreClient(port);
        String site = client.token("powerpages-site");

        assertThat(client.get(SNIPPET, site).status()).isEqualTo(200);
        StoreClient.Response edit = client.send("PATCH", SNIPPET, site, "{\"adx_value\":\"Defaced\"}");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.body().at("/error/message").asString()).contains("prvWriteadx_contentsnippet");
        assertThat(client.send("POST", "contacts", site, "{\"lastname\":\"Allowed\"}")
                        .status())
                .isEqualTo(204);

        String studio = client.token("powerpages-studio");
        assertThat(client.send("PATCH", SNIPPET, studio, "{\"adx_value\":\"Edited in the studio\"}")
                        .status())
                .isEqualTo(204);
    }
}
