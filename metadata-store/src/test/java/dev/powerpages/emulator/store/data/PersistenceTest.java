package dev.powerpages.emulator.store.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.powerpages.emulator.store.MetadataStoreApplication;
import dev.powerpages.emulator.store.StoreClient;

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
        return new StoreClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void keepsWritesAndTokensAcrossARestart() {
        String token;
        String createdPath;
        try (ConfigurableApplicationContext first = start()) {
            StoreClient client = client(first);
            token = client.token("powerpages-studio"); // the site's own user may not change website tables
            assertThat(client.send("PATCH", SNIPPET, token, "{\"adx_value\":\"Edited before restart\"}").status()).isEqualTo(204);
            String entityId = client.send("POST", "accounts", token, "{\"name\":\"Tailspin Toys\"}").header("OData-EntityId");
            createdPath = entityId.substring(entityId.lastIndexOf('/') + 1);
        }
        assertThat(Files.exists(dataDir.resolve("contoso.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            StoreClient client = client(second);
            // the token issued before the restart still validates: the signing key was kept
            StoreClient.Response snippet = client.get(SNIPPET, token);
            assertThat(snippet.status()).isEqualTo(200);
            assertThat(snippet.body().get("adx_value").asString()).isEqualTo("Edited before restart");
            assertThat(client.get(createdPath, token).body().get("name").asString()).isEqualTo("Tailspin Toys");
            // the seed ran once: the demo website is not duplicated
            assertThat(client.get("adx_websites", token).body().get("value")).hasSize(1);
        }
    }
}
