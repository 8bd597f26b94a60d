package dev.powerpages.emulator.appnode.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/** Checks the {@code X-Admin-Key} header of the node's admin endpoints (chaos, about-page actions). */
@Component
public class AdminKey {

    public static final String HEADER = "X-Admin-Key";

    private final NodeProperties node;

    AdminKey(NodeProperties node) {
        this.node = node;
    }

    public boolean matches(String presented) {
        // Constant-time comparison: the key is a (development) secret.
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8),
                        node.adminKey().getBytes(StandardCharsets.UTF_8));
    }
}
