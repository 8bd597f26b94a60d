package dev.powerpages.emulator.store.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.MetadataStoreApplication;
import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.postgres.PostgresCluster;
import dev.powerpages.emulator.store.postgres.PostgresExtension;
import dev.powerpages.emulator.store.postgres.PostgresStoreInitializer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The store on PostgreSQL: what was acknowledged before a restart of the store is there after it. */
@ExtendWith(PostgresExtension.class)
class PostgresPersistenceTest {

    private static final String SNIPPET = "adx_contentsnippets(15000000-0000-4000-8000-000000000003)";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(Map<String, Object> database) {
        List<String> arguments =
                new ArrayList<>(List.of("--server.port=0", "--store.in-memory=false", "--store.data-dir=" + dataDir));
        database.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(MetadataStoreApplication.class).run(arguments.toArray(String[]::new));
    }

    private static StoreClient client(ConfigurableApplicationContext context) {
        return new StoreClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void keepsWritesAcrossARestartOfTheStoreOnTheSameDatabase() throws SQLException {
        Map<String, Object> database = PostgresStoreInitializer.properties(PostgresExtension.cluster());
        String token;
        String createdPath;
        try (ConfigurableApplicationContext first = start(database)) {
            StoreClient client = client(first);
            token = client.token("powerpages-studio");
            assertThat(client.send("PATCH", SNIPPET, token, "{\"adx_value\":\"Edited before restart\"}")
                            .status())
                    .isEqualTo(204);
            String entityId = client.send("POST", "accounts", token, "{\"name\":\"Tailspin Toys\"}")
                    .header("OData-EntityId");
            createdPath = entityId.substring(entityId.lastIndexOf('/') + 1);
            assertThat(client.send("DELETE", "accounts(20000000-0000-4000-8000-000000000002)", token, null)
                            .status())
                    .isEqualTo(204);
        }

        try (ConfigurableApplicationContext second = start(database)) {
            StoreClient client = client(second);
            assertThat(client.get(SNIPPET, token).body().get("adx_value").asString())
                    .isEqualTo("Edited before restart");
            assertThat(client.get(createdPath, token).body().get("name").asString())
                    .isEqualTo("Tailspin Toys");
            assertThat(client.get("accounts(20000000-0000-4000-8000-000000000002)", token)
                            .status())
                    .isEqualTo(404);
            // the seed ran once: the demo website is not duplicated
            assertThat(client.get("adx_websites", token).body().get("value")).hasSize(1);
        }

        // Flyway migrated the system tables (and the site folder bookkeeping) once; the schema's tables are the store's
        // own, in the ICU collation
        try (Connection connection =
                DriverManager.getConnection((String) database.get("spring.datasource.url"), PostgresCluster.USER, "")) {
            assertThat(
                            strings(
                                    connection,
                                    "SELECT \"version\" FROM \"_flyway_history\" WHERE \"success\" ORDER BY \"installed_rank\""))
                    .containsExactly("1", "2.1");
            assertThat(strings(
                            connection,
                            "SELECT collation_name FROM information_schema.columns"
                                    + " WHERE table_name = 'account' AND column_name = 'name'"))
                    .containsExactly("dataverse_ci");
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
