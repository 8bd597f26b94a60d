package dev.powerpages.emulator.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.powerpages.emulator.store.MetadataStoreApplication;
import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.auth.IdentityProperties.InMemorySigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An in-memory store signs with the well-known development key, so its tokens outlive a restart (as an app node's
 * cached token must); a fresh key per process when asked; a file-backed store keeps a key of its own.
 */
class InMemorySigningKeyTest {

    private static final String KEYS = "/contoso/discovery/v2.0/keys";

    @TempDir
    Path dataDir;

    @Test
    void aTokenOfAnInMemoryStoreStillWorksAfterTheStoreRestarts() throws Exception {
        String token;
        String keys;
        try (ConfigurableApplicationContext first = startInMemory()) {
            token = new StoreClient(port(first)).token();
            keys = new StoreClient(port(first)).getAbsolute(KEYS).body().toString();
        }
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(SigningKeys.WELL_KNOWN_KEY_ID);

        try (ConfigurableApplicationContext second = startInMemory()) {
            StoreClient.Response websites = new StoreClient(port(second)).get("adx_websites", token);
            assertThat(websites.status()).isEqualTo(200);
            assertThat(websites.body().get("value")).hasSize(1);
            // what a client that validates with the published keys cached (the traffic manager's ARM endpoint) holds
            assertThat(new StoreClient(port(second)).getAbsolute(KEYS).body().toString())
                    .isEqualTo(keys);
        }
    }

    @Test
    void theWellKnownKeyIsTheOneShippedInTheJar() throws Exception {
        RSAKey key = SigningKeys.load(inMemory(), identity(InMemorySigningKey.WELL_KNOWN));

        assertThat(key).isEqualTo(SigningKeys.wellKnown());
        assertThat(key.getKeyID()).isEqualTo(SigningKeys.WELL_KNOWN_KEY_ID);
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.size()).isEqualTo(2048);
    }

    @Test
    void aFreshKeyPerProcessWhenAskedFor() {
        RSAKey one = SigningKeys.load(inMemory(), identity(InMemorySigningKey.FRESH));
        RSAKey other = SigningKeys.load(inMemory(), identity(InMemorySigningKey.FRESH));

        assertThat(one.getKeyID()).isNotEqualTo(other.getKeyID()).isNotEqualTo(SigningKeys.WELL_KNOWN_KEY_ID);
        assertThat(one.getModulus()).isNotEqualTo(other.getModulus());
    }

    @Test
    void aFileBackedStoreKeepsAKeyOfItsOwnWhateverTheSetting() throws Exception {
        StoreProperties fileBacked = new StoreProperties(null, dataDir, false, null, null, null, null, null, null);

        RSAKey created = SigningKeys.load(fileBacked, identity(InMemorySigningKey.WELL_KNOWN));
        RSAKey reloaded = SigningKeys.load(fileBacked, identity(InMemorySigningKey.WELL_KNOWN));

        assertThat(Files.exists(dataDir.resolve(SigningKeys.FILE_NAME))).isTrue();
        assertThat(reloaded).isEqualTo(created);
        assertThat(created.getModulus()).isNotEqualTo(SigningKeys.wellKnown().getModulus());
    }

    private static StoreProperties inMemory() {
        return new StoreProperties(null, null, true, null, null, null, null, null, null);
    }

    private static IdentityProperties identity(InMemorySigningKey key) {
        return new IdentityProperties(null, null, null, key);
    }

    private static ConfigurableApplicationContext startInMemory() {
        return new SpringApplicationBuilder(MetadataStoreApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--store.in-memory=true");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
