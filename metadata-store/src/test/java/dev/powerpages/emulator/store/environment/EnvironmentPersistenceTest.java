package dev.powerpages.emulator.store.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.MetadataStoreApplication;
import dev.powerpages.emulator.store.StoreClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** File-backed environments: each has its own H2 file under the data directory, kept across a restart. */
class EnvironmentPersistenceTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MetadataStoreApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--store.in-memory=false",
                        "--store.data-dir=" + dataDir,
                        "--store.environments[0].name=contoso",
                        "--store.environments[1].name=fabrikam",
                        "--store.environments[1].seed=true");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void eachEnvironmentKeepsItsOwnDatabaseFileAcrossARestart() {
        String accountPath;
        try (ConfigurableApplicationContext first = start()) {
            StoreClient fabrikam = new StoreClient(port(first), "/fabrikam", "http://localhost:8070/fabrikam");
            String token = fabrikam.token("powerpages-studio");
            String entityId = fabrikam.send("POST", "accounts", token, "{\"name\":\"Kept at Fabrikam\"}")
                    .header("OData-EntityId");
            accountPath = entityId.substring(entityId.lastIndexOf('/') + 1);
            // A seeded environment other than the default gets the demo site in its own database.
            assertThat(fabrikam.get("adx_websites", token).body().get("value")).hasSize(1);
        }
        assertThat(Files.exists(dataDir.resolve("contoso.mv.db"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("fabrikam.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            StoreClient fabrikam = new StoreClient(port(second), "/fabrikam", "http://localhost:8070/fabrikam");
            StoreClient contoso = new StoreClient(port(second));
            String fabrikamToken = fabrikam.token("powerpages-studio");
            assertThat(fabrikam.get(accountPath, fabrikamToken)
                            .body()
                            .get("name")
                            .asString())
                    .isEqualTo("Kept at Fabrikam");
            assertThat(fabrikam.get("adx_websites", fabrikamToken).body().get("value"))
                    .hasSize(1); // seeded once
            assertThat(contoso.get(accountPath, contoso.token("powerpages-studio"))
                            .status())
                    .isEqualTo(404);
        }
    }
}
