package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.api.ArmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The {@code api-version}s Azure publishes for each resource type served here, previews included, and ARM's
 * answers to a request without one or with one the type does not have. Every request to Azure Resource Manager
 * names its version ("api-version ... is required for all requests", Azure REST API reference, "Common parameters
 * and headers"). The lists are the versions of the REST API specifications (azure-rest-api-specs) and of the ARM
 * template reference pages: Traffic Manager (specification/trafficmanager, 2015-11-01 to 2024-04-01-preview),
 * Front Door WAF policies (learn.microsoft.com/azure/templates/microsoft.network/frontdoorwebapplicationfirewallpolicies),
 * Front Door Standard/Premium endpoints (learn.microsoft.com/azure/templates/microsoft.cdn/profiles/afdendpoints)
 * and Resource Manager's own types (specification/resources).
 */
public final class ApiVersions {

    public static final String TRAFFIC_MANAGER = "Microsoft.Network/trafficManagerProfiles";
    public static final String TRAFFIC_MANAGER_NAME_AVAILABILITY =
            "Microsoft.Network/checkTrafficManagerNameAvailabilityV2";
    public static final String WAF_POLICIES = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies";
    public static final String CDN_PROFILES = "Microsoft.Cdn/profiles";
    public static final String AFD_ENDPOINTS = "Microsoft.Cdn/profiles/afdEndpoints";
    public static final String CDN_OPERATION_RESULTS = "Microsoft.Cdn/operationresults";
    /** Resource Manager's own types: subscriptions, tenants, resource groups, providers, locations. */
    public static final String RESOURCE_MANAGER = "Microsoft.Resources";

    private static final List<String> TRAFFIC_MANAGER_VERSIONS = List.of(
            "2015-11-01",
            "2017-03-01",
            "2017-05-01",
            "2017-09-01-preview",
            "2018-02-01",
            "2018-03-01",
            "2018-04-01",
            "2018-08-01",
            "2022-04-01-preview",
            "2022-04-01",
            "2024-04-01-preview");

    private static final List<String> WAF_VERSIONS = List.of(
            "2018-08-01",
            "2019-03-01",
            "2019-10-01",
            "2020-04-01",
            "2020-11-01",
            "2021-06-01",
            "2022-05-01",
            "2024-02-01",
            "2025-03-01");

    private static final List<String> CDN_VERSIONS = List.of(
            "2020-09-01",
            "2021-06-01",
            "2022-05-01-preview",
            "2022-11-01-preview",
            "2023-05-01",
            "2023-07-01-preview",
            "2024-02-01",
            "2024-05-01-preview",
            "2024-06-01-preview",
            "2024-09-01",
            "2025-01-01-preview",
            "2025-04-15",
            "2025-06-01",
            "2025-07-01-preview",
            "2025-09-01-preview");

    private static final List<String> RESOURCE_MANAGER_VERSIONS = List.of(
            "2014-04-01",
            "2014-04-01-preview",
            "2015-01-01",
            "2015-11-01",
            "2016-02-01",
            "2016-06-01",
            "2016-07-01",
            "2016-09-01",
            "2017-05-10",
            "2017-08-01",
            "2018-02-01",
            "2018-05-01",
            "2018-06-01",
            "2019-03-01",
            "2019-05-01",
            "2019-05-10",
            "2019-06-01",
            "2019-07-01",
            "2019-08-01",
            "2019-10-01",
            "2019-11-01",
            "2020-01-01",
            "2020-06-01",
            "2020-08-01",
            "2020-10-01",
            "2021-01-01",
            "2021-04-01",
            "2022-01-01",
            "2022-09-01",
            "2022-12-01",
            "2023-07-01",
            "2024-03-01",
            "2024-07-01",
            "2024-11-01",
            "2025-03-01",
            "2025-04-01");

    /** What {@code /metadata/endpoints} (the cloud's discovery document) is asked with. */
    public static final List<String> METADATA_VERSIONS =
            List.of("2015-01-01", "2019-05-01", "2020-06-01", "2022-09-01");

    private static final Map<String, List<String>> BY_TYPE = byType();

    /** yyyy-mm-dd, optionally followed by a label such as {@code -preview} or {@code -beta}. */
    private static final Pattern WELL_FORMED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-[A-Za-z0-9]+)?");

    private ApiVersions() {}

    /** The versions of a type, as its provider registration lists them. */
    public static List<String> of(String type) {
        List<String> versions = BY_TYPE.get(type.toLowerCase(Locale.ROOT));
        if (versions == null) {
            throw new IllegalArgumentException("no API versions known for " + type);
        }
        return versions;
    }

    /** Every type of a namespace ({@code Microsoft.Network}) with its versions, for the providers API. */
    public static Map<String, List<String>> typesOf(String namespace) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (String type : List.of(
                TRAFFIC_MANAGER,
                TRAFFIC_MANAGER_NAME_AVAILABILITY,
                WAF_POLICIES,
                CDN_PROFILES,
                AFD_ENDPOINTS,
                CDN_OPERATION_RESULTS)) {
            if (type.regionMatches(true, 0, namespace + "/", 0, namespace.length() + 1)) {
                types.put(type.substring(namespace.length() + 1), of(type));
            }
        }
        return types;
    }

    /**
     * Refuses a request whose {@code api-version} is missing or not one the type has, as ARM does: 400
     * {@code MissingApiVersionParameter}; 400 {@code InvalidApiVersionParameter} for a value that is not a version
     * at all, and for one Resource Manager's own types lack; 400 {@code NoRegisteredProviderFound} for a resource
     * provider's type (the provider is registered, but not with that version).
     *
     * @return the version, as the request gave it
     */
    public static String require(String type, String apiVersion) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new ArmException(
                    HttpStatus.BAD_REQUEST,
                    "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        List<String> versions = of(type);
        if (versions.stream().anyMatch(apiVersion::equalsIgnoreCase)) {
            return apiVersion;
        }
        List<String> newestFirst = new ArrayList<>(versions);
        Collections.reverse(newestFirst);
        String supported = String.join(", ", newestFirst);
        if (!WELL_FORMED.matcher(apiVersion).matches() || type.equals(RESOURCE_MANAGER)) {
            throw new ArmException(
                    HttpStatus.BAD_REQUEST,
                    "InvalidApiVersionParameter",
                    "The api-version '" + apiVersion + "' is invalid. The supported versions are '"
                            + String.join(",", newestFirst) + "'.");
        }
        String shortType = type.substring(type.indexOf('/') + 1);
        throw new ArmException(
                HttpStatus.BAD_REQUEST,
                "NoRegisteredProviderFound",
                "No registered resource provider found for location 'global' and API version '" + apiVersion
                        + "' for type '" + shortType + "'. The supported api-versions are '" + supported
                        + "'. The supported locations are 'global'.");
    }

    private static Map<String, List<String>> byType() {
        Map<String, List<String>> types = new LinkedHashMap<>();
        types.put(TRAFFIC_MANAGER.toLowerCase(Locale.ROOT), TRAFFIC_MANAGER_VERSIONS);
        // Traffic Manager's name check (V2 since 2022-04-01; the older one at the same versions as profiles).
        types.put(TRAFFIC_MANAGER_NAME_AVAILABILITY.toLowerCase(Locale.ROOT), TRAFFIC_MANAGER_VERSIONS);
        types.put(WAF_POLICIES.toLowerCase(Locale.ROOT), WAF_VERSIONS);
        types.put(CDN_PROFILES.toLowerCase(Locale.ROOT), CDN_VERSIONS);
        types.put(AFD_ENDPOINTS.toLowerCase(Locale.ROOT), CDN_VERSIONS);
        types.put(CDN_OPERATION_RESULTS.toLowerCase(Locale.ROOT), CDN_VERSIONS);
        types.put(RESOURCE_MANAGER.toLowerCase(Locale.ROOT), RESOURCE_MANAGER_VERSIONS);
        types.put("metadata", METADATA_VERSIONS);
        return types;
    }
}
