package dev.powerpages.emulator.support.admin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin key ({@code stack.admin.*}) that guards every service's admin and fault-injection endpoints (CONTRACT,
 * "Well-known defaults"). Each service's application.yml points {@code key} at the setting it has always documented
 * ({@code node.admin-key}, {@code store.chaos.admin-key}, {@code gateway.admin-key},
 * {@code traffic-manager.admin-key}) and lists its own {@code paths}.
 *
 * @param key the key callers present; the emulator's well-known development key by default, as Azurite's account
 *     key is
 * @param header the request header that carries it
 * @param paths the protected paths, each a Spring path pattern ({@code /_services/chaos}, {@code /_edge/admin/**}),
 *     optionally after the methods it covers ({@code PUT,PATCH,DELETE /api/profiles/**}); none by default: a service
 *     with no admin endpoints protects nothing
 */
@ConfigurationProperties("stack.admin")
public record AdminKeyProperties(String key, String header, List<String> paths) {

    public static final String DEFAULT_KEY = "emulator-admin-key";

    public static final String DEFAULT_HEADER = "X-Admin-Key";

    public AdminKeyProperties {
        key = key == null || key.isEmpty() ? DEFAULT_KEY : key;
        header = header == null || header.isBlank() ? DEFAULT_HEADER : header;
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** The protected paths, parsed. */
    public List<AdminPath> adminPaths() {
        return paths.stream().map(AdminPath::parse).toList();
    }
}
