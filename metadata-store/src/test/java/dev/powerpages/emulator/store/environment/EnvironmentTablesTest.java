package dev.powerpages.emulator.store.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Per-environment tables: {@code fabrikam} has a custom table {@code cr123_project} of its own
 * ({@code extra-tables}), the default environment {@code contoso} has only the shared tables, as two
 * Dataverse organizations with different customisations.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "store.in-memory=true",
            "store.environments[0].name=contoso",
            "store.environments[1].name=fabrikam",
            "store.environments[1].seed=false",
            "store.environments[1].extra-tables=classpath:environment/fabrikam-tables.yaml"
        })
class EnvironmentTablesTest {

    private static final String FABRIKAM = "http://localhost:8070/fabrikam";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environments environments;

    @Autowired
    CurrentEnvironment current;

    private StoreClient contoso;
    private StoreClient fabrikam;
    private String contosoToken;
    private String fabrikamToken;

    @BeforeEach
    void connectToBothEnvironments() {
        contoso = new StoreClient(port);
        fabrikam = new StoreClient(port, "/fabrikam", FABRIKAM);
        contosoToken = contoso.token("powerpages-studio");
        fabrikamToken = fabrikam.token("powerpages-studio");
    }

    @Test
    void theCustomTablesChoiceLabelsAreInThatEnvironmentsStringMapOnly() {
        String query = "stringmaps?$select=value&$filter=objecttypecode eq 'cr123_project' and attributename eq "
                + "'cr123_stage'&$orderby=displayorder";

        StoreClient.Response own = fabrikam.get(query, fabrikamToken);
        StoreClient.Response other = contoso.get(query, contosoToken);

        assertThat(own.status()).isEqualTo(200);
        List<String> labels = new ArrayList<>();
        own.body().get("value").forEach(row -> labels.add(row.get("value").asString()));
        assertThat(labels).containsExactly("Planned", "Running", "Done");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body().get("value")).isEmpty();
    }

    @Test
    void theEnvironmentWithACustomTableCreatesAndQueriesItsRows() {
        String account = id(fabrikam.send("POST", "accounts", fabrikamToken, "{\"name\":\"Fabrikam Research\"}"));

        StoreClient.Response created = fabrikam.send(
                "POST",
                "cr123_projects",
                fabrikamToken,
                "{\"cr123_name\":\"Apollo\",\"cr123_budget\":1250.5,\"cr123_accountid@odata.bind\":\"/accounts("
                        + account + ")\"}");

        assertThat(created.status()).isEqualTo(204);
        assertThat(created.header("OData-EntityId")).startsWith(FABRIKAM + "/api/data/v9.2/cr123_projects(");
        JsonNode found = fabrikam.get(
                        "cr123_projects?$filter=cr123_name eq 'apollo'&$select=cr123_name,cr123_budget,_cr123_accountid_value",
                        fabrikamToken)
                .body();
        assertThat(found.get("@odata.context").asString())
                .startsWith(FABRIKAM + "/api/data/v9.2/$metadata#cr123_projects(");
        assertThat(found.get("value")).hasSize(1);
        JsonNode row = found.get("value").get(0);
        assertThat(row.get("cr123_name").asString()).isEqualTo("Apollo");
        assertThat(row.get("cr123_budget").decimalValue()).isEqualByComparingTo("1250.5");
        assertThat(row.get("_cr123_accountid_value").asString()).isEqualTo(account);
        // Its lookup to a shared table is navigable both ways, as any relationship.
        JsonNode expanded = fabrikam.get(
                        "cr123_projects?$select=cr123_name&$expand=cr123_accountid($select=name)", fabrikamToken)
                .body();
        assertThat(expanded.at("/value/0/cr123_accountid/name").asString()).isEqualTo("Fabrikam Research");
        JsonNode projects = fabrikam.get(
                        "accounts(" + account
                                + ")?$select=name&$expand=account_cr123_project_cr123_accountid($select=cr123_name)",
                        fabrikamToken)
                .body();
        assertThat(projects.at("/account_cr123_project_cr123_accountid/0/cr123_name")
                        .asString())
                .isEqualTo("Apollo");
    }

    @Test
    void theCustomTableIsValidatedLikeAnyOther() {
        StoreClient.Response unknownColumn =
                fabrikam.send("POST", "cr123_projects", fabrikamToken, "{\"cr123_colour\":\"blue\"}");

        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.body().at("/error/message").asString())
                .contains("The property 'cr123_colour' does not exist on type 'Microsoft.Dynamics.CRM.cr123_project'");
        StoreClient.Response wrongType =
                fabrikam.send("POST", "cr123_projects", fabrikamToken, "{\"cr123_budget\":\"lots\"}");
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void anotherEnvironmentAnswersTheCustomTableAsAnUnknownEntitySet() {
        StoreClient.Response read = contoso.get("cr123_projects", contosoToken);
        StoreClient.Response neverDefined = contoso.get("cr999_nothings", contosoToken);

        assertThat(read.status()).isEqualTo(404).isEqualTo(neverDefined.status());
        assertThat(read.body().at("/error/code").asString())
                .isEqualTo("0x8006088a")
                .isEqualTo(neverDefined.body().at("/error/code").asString());
        assertThat(read.body().at("/error/message").asString())
                .isEqualTo("Resource not found for the segment 'cr123_projects'.");
        StoreClient.Response write =
                contoso.send("POST", "cr123_projects", contosoToken, "{\"cr123_name\":\"Apollo\"}");
        assertThat(write.status()).isEqualTo(404);
        assertThat(write.body().at("/error/code").asString()).isEqualTo("0x8006088a");
        // Nor does its database have the table.
        assertThat(tableExists(environments.defaultEnvironment())).isFalse();
        assertThat(tableExists(environments.byName("fabrikam").orElseThrow())).isTrue();
    }

    @Test
    void onlyTheEnvironmentWithTheCustomTableDescribesIt() {
        String fabrikamMetadata = fabrikam.get("$metadata", fabrikamToken).raw().body();
        String contosoMetadata = contoso.get("$metadata", contosoToken).raw().body();

        assertThat(fabrikamMetadata)
                .contains(
                        "<EntityType Name=\"cr123_project\"",
                        "EntitySet Name=\"cr123_projects\"",
                        "NavigationProperty Name=\"account_cr123_project_cr123_accountid\"",
                        "EntitySet Name=\"accounts\"");
        assertThat(contosoMetadata).contains("EntitySet Name=\"accounts\"").doesNotContain("cr123_project");
        assertThat(entitySets(fabrikam, fabrikamToken)).contains("cr123_projects", "accounts");
        assertThat(entitySets(contoso, contosoToken)).contains("accounts").doesNotContain("cr123_projects");
    }

    private boolean tableExists(DataverseEnvironment environment) {
        return current.callIn(
                environment,
                () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = 'cr123_project'",
                                Integer.class)
                        > 0);
    }

    private static List<String> entitySets(StoreClient client, String token) {
        List<String> names = new ArrayList<>();
        client.get("", token)
                .body()
                .get("value")
                .forEach(set -> names.add(set.get("name").asString()));
        return names;
    }

    private static String id(StoreClient.Response created) {
        assertThat(created.status()).isEqualTo(204);
        String entityId = created.header("OData-EntityId");
        return entityId.substring(entityId.indexOf('(') + 1, entityId.indexOf(')'));
    }
}
