package dev.powerpages.emulator.store.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /_services/seed}: a trainer puts the demo site back between two workshop groups. */
class SeedReloadTest extends WebApiTestSupport {

    private static final String TAGLINE = "adx_contentsnippets(15000000-0000-4000-8000-000000000003)";
    private static final String SITE_DESCRIPTION = "adx_sitesettings(16000000-0000-4000-8000-000000000001)";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void reloadingTheSeedRequiresTheAdminKey() throws Exception {
        assertThat(reload(null).statusCode()).isEqualTo(401);
        assertThat(reload("wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void reloadingPutsBackEditedAndDeletedSeedRowsAndKeepsOthers() throws Exception {
        String studio = client.token("powerpages-studio");
        String seeded = client.get(TAGLINE + "?$select=adx_value", studio)
                .body()
                .get("adx_value")
                .asString();
        StoreClient.Response tracking =
                client.get("adx_contentsnippets?$select=adx_value", studio, "Prefer", "odata.track-changes");
        String deltaLink = tracking.body().get("@odata.deltaLink").asString();

        assertThat(client.send("PATCH", TAGLINE, studio, "{\"adx_value\":\"Edited by group 1\"}")
                        .status())
                .isEqualTo(204);
        String added = client.send("POST", "accounts", studio, "{\"name\":\"Kept across a reload\"}")
                .header("OData-EntityId");
        assertThat(client.send("DELETE", SITE_DESCRIPTION, studio, null).status())
                .isEqualTo(204);

        HttpResponse<String> answer = reload("emulator-admin-key");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode counts = json.readTree(answer.body());
        assertThat(counts.get("created").asInt()).isEqualTo(1);
        assertThat(counts.get("restored").asInt()).isPositive();
        assertThat(client.get(TAGLINE + "?$select=adx_value", studio)
                        .body()
                        .get("adx_value")
                        .asString())
                .isEqualTo(seeded);
        assertThat(client.get(SITE_DESCRIPTION + "?$select=adx_name", studio)
                        .body()
                        .get("adx_name")
                        .asString())
                .isEqualTo("Site/Description");
        assertThat(client.follow(added, studio).status())
                .as("a row the seed does not name stays")
                .isEqualTo(200);
        // app nodes learn of the reload as of any change: the snippet is in the delta taken before the edit
        assertThat(client.follow(deltaLink, studio).body().get("value").toString())
                .contains("15000000-0000-4000-8000-000000000003", seeded);
    }

    private HttpResponse<String> reload(String adminKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_services/seed"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (adminKey != null) {
            request.header("X-Admin-Key", adminKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
