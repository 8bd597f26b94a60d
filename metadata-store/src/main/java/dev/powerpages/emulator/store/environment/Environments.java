package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.StoreProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The configured environments, looked up by name, host name or token audience. */
@Component
public class Environments {

    /**
     * Dataverse's URL names are letters, digits and hyphens; {@code api} is refused because
     * {@code /api/data/...} must keep meaning the default environment.
     */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * The region pairs of Power Platform geographies ("Power Platform regions and geographies"): an
     * environment's database is replicated to the paired region, which takes over in a failover.
     */
    private static final Map<String, List<String>> REGION_PAIRS = Map.ofEntries(
            Map.entry("europe", List.of("northeurope", "westeurope")),
            Map.entry("unitedstates", List.of("eastus", "westus")),
            Map.entry("unitedkingdom", List.of("uksouth", "ukwest")),
            Map.entry("asia", List.of("eastasia", "southeastasia")),
            Map.entry("australia", List.of("australiaeast", "australiasoutheast")),
            Map.entry("canada", List.of("canadacentral", "canadaeast")),
            Map.entry("india", List.of("centralindia", "southindia")),
            Map.entry("japan", List.of("japaneast", "japanwest")),
            Map.entry("france", List.of("francecentral", "francesouth")),
            Map.entry("germany", List.of("germanywestcentral", "germanynorth")),
            Map.entry("switzerland", List.of("switzerlandnorth", "switzerlandwest")),
            Map.entry("norway", List.of("norwayeast", "norwaywest")));

    private final Map<String, DataverseEnvironment> byName = new LinkedHashMap<>();
    private final DataverseEnvironment defaultEnvironment;
    private final String storeHost;

    public Environments(EnvironmentsProperties properties, StoreProperties store) {
        URI publicUrl = URI.create(store.publicUrl());
        this.storeHost = publicUrl.getHost().toLowerCase(Locale.ROOT);
        String defaultName = properties.defaultEnvironment().toLowerCase(Locale.ROOT);
        for (EnvironmentsProperties.EnvironmentSettings settings : properties.environments()) {
            String name = settings.name() == null ? "" : settings.name().toLowerCase(Locale.ROOT);
            if (!NAME.matcher(name).matches() || name.equals("api")) {
                throw new IllegalStateException("Environment name '" + settings.name()
                        + "' is not a URL name (lower-case letters, digits and hyphens; not 'api')");
            }
            String geography = settings.geography() == null
                    ? "europe"
                    : settings.geography().toLowerCase(Locale.ROOT);
            List<String> regions = settings.regions() != null
                            && !settings.regions().isEmpty()
                    ? List.copyOf(settings.regions())
                    : Optional.ofNullable(REGION_PAIRS.get(geography))
                            .orElseThrow(() -> new IllegalStateException("Environment " + name + ": unknown geography '"
                                    + geography + "'; set its regions or one of " + REGION_PAIRS.keySet()));
            String hostUrl = settings.url() != null && !settings.url().isBlank()
                    ? stripSlash(settings.url())
                    : publicUrl.getScheme() + "://" + name + "." + hostSuffix(publicUrl.getHost())
                            + (publicUrl.getPort() == -1 ? "" : ":" + publicUrl.getPort());
            DataverseEnvironment environment = new DataverseEnvironment(
                    name,
                    settings.friendlyName() == null ? name : settings.friendlyName(),
                    geography,
                    regions,
                    settings.seed() == null || settings.seed(),
                    hostUrl,
                    store.publicUrl() + "/" + name,
                    name.equals(defaultName) ? store.publicUrl() : null,
                    store.tenantId(),
                    extraTables(settings));
            if (byName.put(name, environment) != null) {
                throw new IllegalStateException("Environment " + name + " is configured twice");
            }
        }
        defaultEnvironment = byName.get(defaultName);
        if (defaultEnvironment == null) {
            throw new IllegalStateException("store.default-environment '" + defaultName
                    + "' is not one of store.environments " + byName.keySet());
        }
    }

    public List<DataverseEnvironment> all() {
        return List.copyOf(byName.values());
    }

    public DataverseEnvironment defaultEnvironment() {
        return defaultEnvironment;
    }

    public Optional<DataverseEnvironment> byName(String name) {
        return Optional.ofNullable(name).map(n -> byName.get(n.toLowerCase(Locale.ROOT)));
    }

    /** The environment whose URL has this host name (no port), if any. */
    public Optional<DataverseEnvironment> byHost(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        return byName.values().stream()
                .filter(e -> URI.create(e.hostUrl()).getHost().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /**
     * The environment name a host asks for: {@code fabrikam} in {@code fabrikam.localhost} (for the
     * default store URL), whether or not such an environment exists; empty for a host that names none
     * (the store's own host, an IP address, a container's name).
     */
    public Optional<String> nameInHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String suffix = "." + hostSuffix(storeHost);
        if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
            String label = lower.substring(0, lower.length() - suffix.length());
            return label.contains(".") ? Optional.empty() : Optional.of(label);
        }
        return Optional.empty();
    }

    /** The environment a token audience names. */
    public Optional<DataverseEnvironment> byAudience(String audience) {
        return byName.values().stream().filter(e -> e.accepts(audience)).findFirst();
    }

    /** Blank entries are dropped: {@code extra-tables: ""} (e.g. an empty environment variable) means none. */
    private static List<String> extraTables(EnvironmentsProperties.EnvironmentSettings settings) {
        return settings.extraTables() == null
                ? List.of()
                : settings.extraTables().stream()
                        .filter(location -> location != null && !location.isBlank())
                        .map(String::trim)
                        .toList();
    }

    /** An IP literal cannot take a sub-domain: environments of a store named by IP live under {@code .localhost}. */
    private static String hostSuffix(String host) {
        boolean ipLiteral = host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        return ipLiteral ? "localhost" : host.toLowerCase(Locale.ROOT);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
