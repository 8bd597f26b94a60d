package dev.powerpages.emulator.gateway.tls;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HTTPS at the edge (docs/https.md). Off by default: the stack's contract is plain HTTP on 8080,
 * which stays as it is; enabled, the same gateway also answers HTTPS on {@code port}.
 *
 * @param enabled whether to serve HTTPS as well
 * @param port the HTTPS port (0: a free one, for tests)
 * @param bundle an SSL bundle configured under {@code spring.ssl.bundle.*}; empty means a
 * certificate signed by the stack's local CA ({@code stack.tls.directory}) for the host names and
 * addresses below: the CA's shared server certificate when they are among its names, else one issued
 * at start
 * @param hostNames DNS names the generated certificate is valid for
 * @param ipAddresses addresses the generated certificate is valid for
 */
@ConfigurationProperties("gateway.tls")
public record TlsProperties(
        boolean enabled, int port, String bundle, List<String> hostNames, List<String> ipAddresses) {

    public TlsProperties {
        hostNames = hostNames == null ? List.of() : List.copyOf(hostNames);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    }

    boolean generated() {
        return bundle == null || bundle.isBlank();
    }
}
