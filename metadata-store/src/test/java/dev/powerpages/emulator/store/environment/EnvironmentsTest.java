package dev.powerpages.emulator.store.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two environments side by side in one store, as two Dataverse organizations of one tenant: the demo
 * environment {@code contoso} (default, seeded) and {@code fabrikam} (empty, United States). Each has
 * its own database, URL and token audience.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "store.in-memory=true",
            "store.environments[0].name=contoso",
            "store.environments[0].geography=europe",
            "store.environments[1].name=fabrikam",
            "store.environments[1].friendly-name=Fabrikam Inc.",
            "store.environments[1].geography=unitedstates",
            "store.environments[1].seed=false"
        })
class EnvironmentsTest {

    private static final String FABRIKAM_BY_PATH = "http://localhost:8070/fabrikam";
    private static final String FABRIKAM_BY_HOST = "http://fabrikam.localhost:8070";

    @LocalServerPort
    int port;

    private StoreClient contoso;
    private StoreClient fabrikam;
    private String contosoToken;
    private String fabrikamToken;

    @BeforeEach
    void connectToBothEnvironments() {
        contoso = new StoreClient(port);
        fabrikam = new StoreClient(port, "/fabrikam", FABRIKAM_BY_PATH);
        contosoToken = contoso.token("powerpages-studio");
        fabrikamToken = fabrikam.token("powerpages-studio");
    }

    @Test
    void aRowCreatedInOneEnvironmentIsInvisibleInTheOther() {
        StoreClient.Response created = fabrikam.send(
                "POST", "accounts", fabrikamToken, "{\"name\":\"Only at Fabrikam\",\"accountnumber\":\"FAB-1\"}");

        assertThat(created.status()).isEqualTo(204);
        String entityId = created.header("OData-EntityId");
        // The row's URL names the environment as the client reached it.
        assertThat(entityId).startsWith(FABRIKAM_BY_PATH + "/api/data/v9.2/accounts(");
        String id = entityId.substring(entityId.indexOf('(') + 1, entityId.indexOf(')'));

        assertThat(fabrikam.get("accounts(" + id + ")?$select=name", fabrikamToken)
                        .body()
                        .get("name")
                        .asString())
                .isEqualTo("Only at Fabrikam");
        StoreClient.Response elsewhere = contoso.get("accounts(" + id + ")", contosoToken);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.body().at("/error/code").asString()).isEqualTo("0x80040217");
        assertThat(contoso.get("accounts?$filter=accountnumber eq 'FAB-1'", contosoToken)
                        .body()
                        .get("value"))
                .isEmpty();
    }

    @Test
    void eachEnvironmentHasItsOwnSeedAndMetadata() {
        assertThat(contoso.get("adx_websites?$select=adx_name", contosoToken)
                        .body()
                        .get("value"))
                .hasSize(1);
        assertThat(fabrikam.get("adx_websites?$select=adx_name", fabrikamToken)
                        .body()
                        .get("value"))
                .isEmpty();
        // Both have their application users, so both answer WhoAmI, with their own organization.
        JsonNode contosoWho = contoso.get("WhoAmI", contosoToken).body();
        JsonNode fabrikamWho = fabrikam.get("WhoAmI", fabrikamToken).body();
        assertThat(fabrikamWho.get("OrganizationId").asString())
                .isNotEqualTo(contosoWho.get("OrganizationId").asString());
        assertThat(fabrikamWho.get("@odata.context").asString())
                .startsWith(FABRIKAM_BY_PATH + "/api/data/v9.2/$metadata#");

        StoreClient.Response metadata = fabrikam.get("$metadata", fabrikamToken);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.header("OData-Version")).isEqualTo("4.0");
        assertThat(metadata.raw().body()).contains("EntitySet Name=\"accounts\"");
        JsonNode paged = fabrikam.get("adx_webpages?$count=true", fabrikamToken, "Prefer", "odata.maxpagesize=1")
                .body();
        assertThat(paged.get("@odata.count").asInt()).isZero();
        assertThat(paged.get("@odata.context").asString())
                .isEqualTo(FABRIKAM_BY_PATH + "/api/data/v9.2/$metadata#adx_webpages");
    }

    @Test
    void retrieveCurrentOrganizationDescribesTheEnvironment() {
        JsonNode detail = fabrikam.get(
                        "RetrieveCurrentOrganization(AccessType=@p1)?@p1=Microsoft.Dynamics.CRM.EndpointAccessType'Default'",
                        fabrikamToken)
                .body()
                .get("Detail");

        assertThat(detail.get("UniqueName").asString()).isEqualTo("fabrikam");
        assertThat(detail.get("FriendlyName").asString()).isEqualTo("Fabrikam Inc.");
        assertThat(detail.get("Geo").asString()).isEqualTo("unitedstates");
        assertThat(detail.at("/Endpoints/Values/0").asString()).isEqualTo(FABRIKAM_BY_PATH + "/");
        assertThat(detail.get("OrganizationId").asString())
                .isEqualTo(fabrikam.get("WhoAmI", fabrikamToken)
                        .body()
                        .get("OrganizationId")
                        .asString());
    }

    @Test
    void aTokenForOneEnvironmentIsRejectedByAnother() {
        StoreClient.Response contosoTokenAtFabrikam = fabrikam.get("WhoAmI", contosoToken);
        assertThat(contosoTokenAtFabrikam.status()).isEqualTo(401);
        assertThat(contosoTokenAtFabrikam.header("WWW-Authenticate"))
                .contains("resource_id=" + FABRIKAM_BY_PATH + "/", "invalid_token");

        assertThat(contoso.get("WhoAmI", fabrikamToken).status()).isEqualTo(401);
        // The same token is good where it belongs.
        assertThat(fabrikam.get("WhoAmI", fabrikamToken).status()).isEqualTo(200);
    }

    @Test
    void theHostNameSelectsTheEnvironment() throws IOException {
        StoreClient byHost = new StoreClient(port, "", FABRIKAM_BY_HOST);
        String hostToken = byHost.token("powerpages-studio");

        RawResponse who = getWithHost("fabrikam.localhost:" + port, "/api/data/v9.2/WhoAmI", hostToken);
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.json().get("OrganizationId").asString())
                .isEqualTo(fabrikam.get("WhoAmI", fabrikamToken)
                        .body()
                        .get("OrganizationId")
                        .asString());
        assertThat(who.json().get("@odata.context").asString()).startsWith(FABRIKAM_BY_HOST + "/api/data/v9.2/");
        // The host-name URL and the path-prefix URL are both the environment's: either token is good on either.
        assertThat(getWithHost("fabrikam.localhost:" + port, "/api/data/v9.2/WhoAmI", fabrikamToken)
                        .status())
                .isEqualTo(200);
        assertThat(getWithHost("fabrikam.localhost:" + port, "/api/data/v9.2/WhoAmI", contosoToken)
                        .status())
                .isEqualTo(401);
        assertThat(getWithHost("contoso.localhost:" + port, "/api/data/v9.2/adx_websites", hostToken)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anUnknownEnvironmentAnswersADataverse404() throws IOException {
        StoreClient nowhere = new StoreClient(port, "/northwind", FABRIKAM_BY_PATH);
        StoreClient.Response byPath = nowhere.get("accounts", fabrikamToken);
        assertThat(byPath.status()).isEqualTo(404);
        assertThat(byPath.header("OData-Version")).isEqualTo("4.0");
        assertThat(byPath.body().at("/error/code").asString()).isEqualTo("0x8006088a");
        assertThat(byPath.body().at("/error/message").asString()).contains("northwind");

        RawResponse byHost = getWithHost("northwind.localhost:" + port, "/api/data/v9.2/accounts", fabrikamToken);
        assertThat(byHost.status()).isEqualTo(404);
        assertThat(byHost.json().at("/error/code").asString()).isEqualTo("0x8006088a");
    }

    @Test
    void discoveryListsTheEnvironmentsWithTheirUrlsAndRegions() {
        JsonNode instances =
                contoso.getAbsolute("/api/discovery/v2.0/Instances").body().get("value");

        List<String> names = new ArrayList<>();
        instances.forEach(instance -> names.add(instance.get("UniqueName").asString()));
        assertThat(names).containsExactly("contoso", "fabrikam");
        JsonNode contosoInstance = instances.get(0);
        assertThat(contosoInstance.get("Url").asString()).isEqualTo("http://localhost:8070");
        assertThat(contosoInstance.get("IsDefault").asBoolean()).isTrue();
        assertThat(contosoInstance.get("AzureRegions").toString()).isEqualTo("[\"northeurope\",\"westeurope\"]");
        JsonNode fabrikamInstance = instances.get(1);
        assertThat(fabrikamInstance.get("Url").asString()).isEqualTo(FABRIKAM_BY_HOST);
        assertThat(fabrikamInstance.get("PathUrl").asString()).isEqualTo(FABRIKAM_BY_PATH);
        assertThat(fabrikamInstance.get("AzureRegions").toString()).isEqualTo("[\"eastus\",\"westus\"]");
    }

    record RawResponse(int status, String body) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }
    }

    /**
     * A request with its own Host header. *.localhost names do not resolve everywhere (not on this
     * Debian without systemd-resolved), and Java's HTTP clients refuse to set Host, so the request is
     * written by hand (HTTP/1.0: the answer is not chunked and ends with the connection).
     */
    private RawResponse getWithHost(String host, String path, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                            + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new RawResponse(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        }
    }
}
