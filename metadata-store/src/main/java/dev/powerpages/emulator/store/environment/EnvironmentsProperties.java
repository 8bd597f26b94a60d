package dev.powerpages.emulator.store.environment;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The environments (Dataverse organizations) one store process hosts, as a Dataverse scale group hosts
 * many organizations, each with its own database. Bound beside {@code StoreProperties} under
 * {@code store}; defaults in application.yml.
 *
 * @param defaultEnvironment the environment that answers {@code /api/data/v9.2/} on the store's own host
 *                           (no host name or path prefix naming another one)
 * @param environments       the environments; none configured means the demo environment {@code contoso} alone
 */
@ConfigurationProperties("store")
public record EnvironmentsProperties(String defaultEnvironment, List<EnvironmentSettings> environments) {

    public EnvironmentsProperties {
        defaultEnvironment =
                defaultEnvironment == null || defaultEnvironment.isBlank() ? "contoso" : defaultEnvironment;
        environments = environments == null || environments.isEmpty()
                ? List.of(new EnvironmentSettings(defaultEnvironment, null, null, null, null, null, null))
                : List.copyOf(environments);
    }

    /**
     * One environment.
     *
     * @param name         the organization's unique name, also its URL name: {@code <name>.localhost} and {@code /<name>/api/...}
     * @param friendlyName the display name (default: the name)
     * @param geography    the Power Platform geography (default {@code europe}), which decides the region pair
     * @param regions      the Azure regions serving it, primary first (default: the geography's pair)
     * @param seed         whether the demo website and its business rows are loaded into its empty database (default {@code true})
     * @param url          its URL as clients name it, the token audience (default {@code <scheme>://<name>.<store host>:<port>})
     * @param extraTables  locations ({@code classpath:} or {@code file:}, as {@code store.schema}) of table-definition
     *                     files in the format of {@code schema/tables.yaml}, whose tables this environment has on top of
     *                     the shared ones: its own customisations, such as a custom table {@code cr123_project}
     *                     (default none)
     */
    public record EnvironmentSettings(
            String name,
            String friendlyName,
            String geography,
            List<String> regions,
            Boolean seed,
            String url,
            List<String> extraTables) {}
}
