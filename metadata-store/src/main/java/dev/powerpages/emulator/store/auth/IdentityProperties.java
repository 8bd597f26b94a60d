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
 */
@ConfigurationProperties("store.identity")
public record IdentityProperties(Tls tls, Management management, Adfs adfs) {

    public IdentityProperties {
        tls = tls == null ? new Tls(true, 8071) : tls;
        management = management == null ? new Management(null, null) : management;
        adfs = adfs == null ? new Adfs(true) : adfs;
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
