package dev.powerpages.emulator.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the store; defaults live in application.yml.
 *
 * @param publicUrl the store's URL as clients name it: token audience and issuer base
 * @param dataDir   where the H2 files and the token signing key live
 * @param inMemory  {@code true}: H2 in memory, gone with the process, and tokens signed with the well-known
 *                  development key unless {@code store.identity.in-memory-signing-key} says fresh (development and
 *                  tests only)
 * @param tenantId  tenant of the token endpoint {@code /{tenant}/oauth2/v2.0/token}
 * @param schema    classpath or file location of the table definitions every environment has (each may add
 *                  its own: {@code store.environments[].extra-tables})
 * @param seed      classpath location of the demo data loaded into an empty store ("" to disable)
 * @param clients   applications allowed to obtain tokens (client credentials)
 * @param securityRoles security roles, by name, that the clients' application users hold
 * @param serviceProtection Dataverse's service protection API limits (off unless enabled)
 */
@ConfigurationProperties("store")
public record StoreProperties(
        String publicUrl,
        Path dataDir,
        boolean inMemory,
        String tenantId,
        String schema,
        String seed,
        List<Client> clients,
        List<SecurityRole> securityRoles,
        ServiceProtection serviceProtection) {

    public StoreProperties {
        publicUrl = publicUrl == null ? "http://localhost:8070" : stripTrailingSlash(publicUrl);
        dataDir = dataDir == null ? Path.of("data", "metadata-store") : dataDir;
        tenantId = tenantId == null ? "contoso" : tenantId;
        schema = schema == null ? "classpath:schema/tables.yaml" : schema;
        seed = seed == null ? "seed/contoso.yaml" : seed;
        clients = clients == null ? List.of() : List.copyOf(clients);
        securityRoles = securityRoles == null ? List.of() : List.copyOf(securityRoles);
        serviceProtection = serviceProtection == null
                ? new ServiceProtection(false, 6000, Duration.ofMinutes(5))
                : serviceProtection;
    }

    /** Issuer of the tokens, shaped like Entra ID's v1 issuer {@code https://sts.windows.net/{tenant}/}. */
    public String issuer() {
        return publicUrl + "/" + tenantId + "/";
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * An application registration.
     *
     * @param clientId the application (client) id
     * @param secret   its client secret
     * @param scope    the scope it asks for, {@code <resource>/.default} as with Entra ID
     * @param role     the security role its application user holds (one of {@code security-roles}); none: the
     *                 application has no application user, so the Web API refuses it (as Dataverse refuses an
     *                 application that was never added to the environment)
     * @param objectId its service principal's object id (the tokens' {@code oid}); empty: derived from the tenant
     *                 and client id, stable across restarts
     */
    public record Client(String clientId, String secret, String scope, String role, String objectId) {}

    /**
     * Service protection limits: at most {@code maxRequests} Web API requests per application user in
     * each {@code window} (Dataverse: 6,000 per 5 minutes), then 429 with {@code Retry-After}.
     */
    public record ServiceProtection(boolean enabled, int maxRequests, Duration window) {

        public ServiceProtection {
            maxRequests = maxRequests <= 0 ? 6000 : maxRequests;
            window = window == null ? Duration.ofMinutes(5) : window;
        }
    }

    /**
     * A Dataverse security role reduced to organisation-wide table privileges: each list names the
     * tables (logical names, {@code "*"} for all) on which the role has that privilege.
     */
    public record SecurityRole(
            String name, List<String> create, List<String> read, List<String> write, List<String> delete) {

        public SecurityRole {
            create = create == null ? List.of() : List.copyOf(create);
            read = read == null ? List.of() : List.copyOf(read);
            write = write == null ? List.of() : List.copyOf(write);
            delete = delete == null ? List.of() : List.copyOf(delete);
        }
    }
}
