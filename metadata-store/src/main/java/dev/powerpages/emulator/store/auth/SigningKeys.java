package dev.powerpages.emulator.store.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.powerpages.emulator.store.StoreProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RSA key that signs access tokens. File-backed stores keep it beside the data
 * ({@code token-signing-key.json}, a private JWK) so that tokens issued before a restart stay valid,
 * as app nodes cache theirs for up to an hour. In-memory stores use a fresh key per process.
 */
final class SigningKeys {

    static final String FILE_NAME = "token-signing-key.json";

    private SigningKeys() {}

    static RSAKey load(StoreProperties properties) {
        try {
            if (properties.inMemory()) {
                return generate();
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
