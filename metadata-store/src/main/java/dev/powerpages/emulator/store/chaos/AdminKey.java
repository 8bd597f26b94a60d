package dev.powerpages.emulator.store.chaos;

import dev.powerpages.emulator.store.error.DataverseError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The store's admin key ({@code store.chaos.admin-key}, header {@code X-Admin-Key}), which guards its
 * fault injection and its seed reload as the app nodes' and the gateway's guard theirs.
 */
@Component
public class AdminKey {

    private final byte[] key;

    AdminKey(StoreChaosProperties properties) {
        this.key = properties.adminKey().getBytes(StandardCharsets.UTF_8);
    }

    /** Compared in constant time, so the answer's timing tells nothing about the key. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    public static ResponseEntity<?> unauthorized() {
        return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "The X-Admin-Key header is missing or wrong");
    }

    /**
     * The app nodes' error envelope for their {@code /_services} endpoints, which is Dataverse's
     * {@code {"error":{"code":…,"message":…}}} with readable codes.
     */
    public static ResponseEntity<?> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(DataverseError.of(code, message));
    }
}
