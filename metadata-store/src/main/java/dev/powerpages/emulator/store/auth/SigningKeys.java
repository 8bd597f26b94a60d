package dev.powerpages.emulator.store.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.auth.IdentityProperties.InMemorySigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RSA key that signs access tokens. File-backed stores keep it beside the data
 * ({@code token-signing-key.json}, a private JWK) so that tokens issued before a restart stay valid,
 * as app nodes cache theirs for up to an hour. In-memory stores sign with the well-known development key shipped in
 * the jar ({@value #WELL_KNOWN_RESOURCE}), so their tokens survive a restart too, or with a fresh key per process
 * ({@code store.identity.in-memory-signing-key: fresh}).
 */
final class SigningKeys {

    static final String FILE_NAME = "token-signing-key.json";

    /**
     * A private JWK, RSA 2048, {@code kid} {@value #WELL_KNOWN_KEY_ID}: public like Azurite's account key, so only an
     * in-memory (development) store uses it. Why ship one: generating an RSA 2048 pair was the largest single item of
     * the in-memory store's start, 0.3-2 s of CPU in a fresh JVM with C1 only (no intrinsics for BigInteger's
     * Montgomery multiplication), on the test kit's critical path (docs/benchmarks.md).
     */
    static final String WELL_KNOWN_RESOURCE = "identity/well-known-signing-key.json";

    /** Readable in a decoded token's header: a token signed with it came from an in-memory store. */
    static final String WELL_KNOWN_KEY_ID = "powerpages-emulator-well-known";

    private SigningKeys() {}

    static RSAKey load(StoreProperties properties, IdentityProperties identity) {
        try {
            if (properties.inMemory()) {
                return identity.inMemorySigningKey() == InMemorySigningKey.FRESH ? generate() : wellKnown();
            }
            Path file = properties.dataDir().resolve(FILE_NAME);
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = generate();
            Files.createDirectories(properties.dataDir());
            Path temporary = Files.createTempFile(properties.dataDir(), "signing-key", ".tmp");
            restrictToOwner(temporary);
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException | ParseException | JOSEException e) {
            throw new IllegalStateException(
                    "Cannot load or create the token signing key in " + properties.dataDir(), e);
        }
    }

    static RSAKey wellKnown() throws IOException, ParseException {
        try (InputStream in = SigningKeys.class.getClassLoader().getResourceAsStream(WELL_KNOWN_RESOURCE)) {
            if (in == null) {
                throw new IOException("The jar lacks " + WELL_KNOWN_RESOURCE);
            }
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static RSAKey generate() throws JOSEException {
        return new RSAKeyGenerator(2048)
                .keyUse(KeyUse.SIGNATURE)
                .keyID(UUID.randomUUID().toString())
                .generate();
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system (Windows): rely on the directory's permissions
        }
    }
}
