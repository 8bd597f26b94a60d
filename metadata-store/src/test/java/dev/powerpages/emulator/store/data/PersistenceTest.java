package dev.powerpages.emulator.store.data;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The default, file-backed mode: what was acknowledged before a restart is there after it. */
class PersistenceTest {

    private static final String SNIPPET = "adx_contentsnippets(15000000-0000-4000-8000-000000000003)";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MetadataStoreApplication.class)
                .run("--server.port=0", "--store.in-memory=false", "--store.data-dir=" + dataDir);
    }

    private static StoreClient client(ConfigurableApplicationContext context) {
        return new StoreClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void keepsWritesAndTokensAcrossARestart() {
        String token;
        String createdPath;
        try (ConfigurableApplicationContext first = start()) {
            StoreClient client = client(first);
            token = client.token("powerpages-studio"); // the site's own user may not change website tables
            assertThat(client.send("PATCH", SNIPPET, token, "{\"adx_value\":\"Edited before restart\"}")
                            .status())
                    .isEqualTo(204);
            String entityId = client.send("POST", "accounts", token, "{\"name\":\"Tailspin Toys\"}")
                    .header("OData-EntityId");
            createdPath = entityId.substring(entityId.lastIndexOf('/') + 1);
        }
        assertThat(Files.exists(dataDir.resolve("contoso.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            StoreClient client = client(second);
            // the token issued before the restart still validates: the signing key was kept
            StoreClient.Response snippet = client.get(SNIPPET, token);
            assertThat(snippet.status()).isEqualTo(200);
            assertThat(snippet.body().get("adx_value").asString()).isEqualTo("Edited before restart");
            assertThat(client.get(createdPath, token).body().get("name").asString())
                    .isEqualTo("Tailspin Toys");
            // the seed ran once: the demo website is not duplicated
            assertThat(client.get("adx_websites", token).body().get("value")).hasSize(1);
        }
    }

    /** A data directory from before Flyway held the system tables already: Flyway adopts it, nothing is lost. */
    @Test
    void adoptsAStoreCreatedBeforeFlywayWithItsRows() {
        JdbcTemplate old = new JdbcTemplate(new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("contoso") + ";IGNORECASE=TRUE",
                "sa",
                ""));
        // the system objects as the store created them before its Flyway migrations, and one account
        old.execute("CREATE SEQUENCE \"versionnumber_seq\" START WITH 5000");
        old.execute("CREATE TABLE \"_tombstone\" (\"entity\" CHARACTER VARYING(64) NOT NULL, \"id\" UUID NOT NULL,"
                + " \"versionnumber\" BIGINT NOT NULL, \"deletedon\" TIMESTAMP(3) WITH TIME ZONE NOT NULL)");
        old.execute("CREATE TABLE \"account\" (\"accountid\" UUID PRIMARY KEY, \"name\" CHARACTER VARYING(4000),"
                + " \"versionnumber\" BIGINT, \"statecode\" INTEGER, \"statuscode\" INTEGER)");
        old.update("INSERT INTO \"account\" VALUES ('30000000-0000-4000-8000-000000000001', 'Kept Ltd', 4999, 0, 1)");
        old.execute("SHUTDOWN");

        try (ConfigurableApplicationContext store = start()) {
            StoreClient client = client(store);
            String token = client.token();
            StoreClient.Response kept = client.get("accounts(30000000-0000-4000-8000-000000000001)", token);
            assertThat(kept.body().get("name").asString()).isEqualTo("Kept Ltd");
            // the row versions go on from the old sequence
            String created = client.send("POST", "accounts", token, "{\"name\":\"New Ltd\"}")
                    .header("OData-EntityId");
            String etag = client.get(created.substring(created.lastIndexOf('/') + 1), token)
                    .body()
                    .get("@odata.etag")
                    .asString();
            assertThat(Long.parseLong(etag.replaceAll("\\D", ""))).isGreaterThan(5000);
            JdbcTemplate jdbc = store.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList(
                            "SELECT \"version\" FROM \"_flyway_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                            String.class))
                    .containsExactly("0", "1", "2.1");
        }
    }
}
