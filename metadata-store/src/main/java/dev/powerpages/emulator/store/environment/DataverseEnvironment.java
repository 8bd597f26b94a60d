package dev.powerpages.emulator.store.environment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A hosted environment (a Dataverse organization with its own database).
 *
 * @param name         unique and URL name (lower case)
 * @param friendlyName display name
 * @param geography    Power Platform geography, e.g. {@code europe}
 * @param regions      its Azure regions, primary first (e.g. {@code northeurope}, {@code westeurope})
 * @param seed         whether the demo site is loaded into its empty database
 * @param hostUrl      its URL by host name, e.g. {@code http://fabrikam.localhost:8070}
 * @param pathUrl      its URL by path prefix, e.g. {@code http://localhost:8070/fabrikam}
 * @param defaultUrl   the store's own URL when this is the default environment, else {@code null}
 * @param tenantId     the tenant (directory) it belongs to
 * @param extraTables  locations of the table-definition files of its own tables, loaded on top of the shared
 *                     schema (see {@link EnvironmentSchemas}); empty when it has only the shared tables
 */
public record DataverseEnvironment(
        String name,
        String friendlyName,
        String geography,
        List<String> regions,
        boolean seed,
        String hostUrl,
        String pathUrl,
        String defaultUrl,
        String tenantId,
        List<String> extraTables) {

    public DataverseEnvironment {
        extraTables = extraTables == null ? List.of() : List.copyOf(extraTables);
    }

    public boolean isDefault() {
        return defaultUrl != null;
    }

    /** Its main URL: the store's own for the default environment (today's behaviour), else the host-name URL. */
    public String url() {
        return isDefault() ? defaultUrl : hostUrl;
    }

    /**
     * The token audiences this environment accepts: each URL it can be reached by. Entra ID puts the
     * requested resource ({@code <env url>/.default} less {@code /.default}) in {@code aud}, and
     * Dataverse accepts a token only if that is its own URL; so a token for one environment is refused
     * by every other.
     */
    public List<String> audiences() {
        List<String> audiences = new ArrayList<>();
        if (isDefault()) {
            audiences.add(defaultUrl);
        }
        audiences.add(hostUrl);
        audiences.add(pathUrl);
        return audiences;
    }

    /** Whether {@code audience} names this environment; a trailing slash and letter case do not matter, as for a URL's host. */
    public boolean accepts(String audience) {
        String normalized = normalize(audience);
        return audiences().stream().anyMatch(a -> normalize(a).equals(normalized));
    }

    /** The organization id WhoAmI answers; the default environment keeps the id it had before there were several. */
    public UUID organizationId() {
        return nameBased(isDefault() ? "organization:" + tenantId : "organization:" + tenantId + ":" + name);
    }

    /** The root business unit's id. */
    public UUID businessUnitId() {
        return nameBased(isDefault() ? "businessunit:" + tenantId : "businessunit:" + tenantId + ":" + name);
    }

    /** The Power Platform environment id (a GUID distinct from the organization id, as on the platform). */
    public UUID environmentId() {
        return nameBased("environment:" + tenantId + ":" + name);
    }

    static String normalize(String url) {
        String trimmed = url == null ? "" : url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
