package dev.powerpages.emulator.store.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Microsoft Entra ID as real clients expect it (docs/azure-tooling.md): the identity endpoints over TLS, the
 * resource Azure Resource Manager is, and the AD FS-shaped authority. Defaults live in application.yml.
 *
 * @param tls        the second, HTTPS-only connector that serves the identity endpoints (and only those)
 * @param management Azure Resource Manager as a resource tokens may be asked for
 * @param adfs       the AD FS-shaped authority {@code /adfs}
 * @param inMemorySigningKey the key that signs an in-memory store's tokens (a file-backed store keeps its own in
 *                   {@code store.data-dir} whatever this says)
 */
@ConfigurationProperties("store.identity")
public record IdentityProperties(Tls tls, Management management, Adfs adfs, InMemorySigningKey inMemorySigningKey) {

    public IdentityProperties {
        tls = tls == null ? new Tls(true, 8071) : tls;
        management = management == null ? new Management(null, null) : management;
        adfs = adfs == null ? new Adfs(true) : adfs;
        inMemorySigningKey = inMemorySigningKey == null ? InMemorySigningKey.WELL_KNOWN : inMemorySigningKey;
    }

    /**
     * Which RSA key an in-memory store signs its tokens with.
     *
     * <ul>
     *   <li>{@code well-known}: the development key shipped in the jar ({@code identity/well-known-signing-key.json}),
     *       the same in every in-memory store, as Azurite's account key and the Cosmos DB emulator's key are the same
     *       for everyone. A token stays valid across a restart of the store (app nodes and the traffic manager keep
     *       theirs up to an hour), and the store starts without generating a key pair (0.3-2 s of CPU with C1 only,
     *       docs/benchmarks.md). The key is public: an in-memory store is for development and tests only.</li>
     *   <li>{@code fresh}: a new key pair per process, so no token outlives the store that issued it.</li>
     * </ul>
     */
    public enum InMemorySigningKey {
        WELL_KNOWN,
        FRESH
    }

    /**
     * @param enabled whether the store also listens for HTTPS (certificate from the stack's CA, {@code stack.tls.directory})
     * @param port    its port; 0 takes a free one
     */
    public record Tls(boolean enabled, int port) {}

    /**
     * Azure Resource Manager's service principal in the tenant. Every application may ask for a token for it, as in
     * Entra ID, where ARM needs no consent for app-only tokens; what the token may do is the resource manager's
     * role assignments' business.
     *
     * @param audience       the {@code aud} of every token for it, whichever identifier the client named
     * @param identifierUris its application ID URIs: each is asked for as {@code <uri>/.default} (v2, with or without
     *                       the double slash that clients build from a resource id ending in '/') or as
     *                       {@code resource=<uri>} (v1, with or without the trailing '/')
     */
    public record Management(String audience, List<String> identifierUris) {

        public Management {
            audience = audience == null ? "https://management.core.windows.net/" : audience;
            identifierUris = identifierUris == null
                    ? List.of("https://management.core.windows.net/", "https://management.azure.com/")
                    : List.copyOf(identifierUris);
        }
    }

    /**
     * @param enabled whether {@code /adfs/...} answers (Azure Stack Hub's AD FS shape, for MSAL for Python and so az)
     */
    public record Adfs(boolean enabled) {}
}
