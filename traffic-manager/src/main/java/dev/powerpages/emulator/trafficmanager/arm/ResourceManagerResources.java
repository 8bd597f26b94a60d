package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.api.ArmException;
import dev.powerpages.emulator.trafficmanager.api.ArmResources;
import dev.powerpages.emulator.trafficmanager.api.ProfileOperations;
import dev.powerpages.emulator.trafficmanager.arm.auth.RoleAssignments;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Resource Manager's own resources, what {@code az login}, {@code az account} and the SDKs' generic resource calls
 * ask for: subscriptions and tenants (learn.microsoft.com/rest/api/resources/subscriptions, /tenants), resource
 * groups and the resources in one (/resources/resource-groups, /resources/resources/list-by-resource-group),
 * resource providers with their types and API versions (/resources/providers), locations, and the cloud's metadata
 * document {@code /metadata/endpoints} that {@code az cloud register} reads.
 */
@ArmApi
class ResourceManagerResources {

    private final ArmProperties properties;
    private final ArmScope scope;
    private final RoleAssignments roles;
    private final ProfileOperations profiles;
    private final FrontDoorGateway gateway;

    ResourceManagerResources(
            ArmProperties properties,
            ArmScope scope,
            RoleAssignments roles,
            ProfileOperations profiles,
            FrontDoorGateway gateway) {
        this.properties = properties;
        this.scope = scope;
        this.roles = roles;
        this.profiles = profiles;
        this.gateway = gateway;
    }

    /** The subscriptions the caller holds a role on: the emulator's one, or none. */
    @GetMapping("/subscriptions")
    Map<String, Object> subscriptions(
            @RequestParam(name = "api-version", required = false) String apiVersion, Authentication authentication) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        boolean visible = authentication instanceof JwtAuthenticationToken token
                && roles.roleOf(token.getToken()).isPresent();
        List<Object> value = visible ? List.of(subscription()) : List.of();
        return Map.of("value", value, "count", Map.of("type", "Total", "value", value.size()));
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    Map<String, Object> subscription(
            @PathVariable String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        scope.subscription(subscriptionId);
        return subscription();
    }

    @GetMapping("/tenants")
    Map<String, Object> tenants(@RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        String tenant = properties.tenantId();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "/tenants/" + tenant);
        entry.put("tenantId", tenant);
        entry.put("tenantCategory", "Home");
        entry.put("displayName", "Contoso (emulator)");
        entry.put("defaultDomain", tenant + ".onmicrosoft.com");
        entry.put("domains", List.of(tenant + ".onmicrosoft.com"));
        entry.put("tenantType", "AAD");
        return Map.of("value", List.of(entry));
    }

    @GetMapping("/subscriptions/{subscriptionId}/resourcegroups")
    Map<String, Object> resourceGroups(
            @PathVariable String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        scope.subscription(subscriptionId);
        return Map.of("value", List.of(resourceGroup()));
    }

    /** GET shows the group; HEAD answers 204 or 404 ({@code az group exists}, Resource Groups - Check Existence). */
    @RequestMapping(
            path = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroup}",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<Map<String, Object>> resourceGroup(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            HttpServletRequest request) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
        if (request.getMethod().equals("HEAD")) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.ok(resourceGroup());
    }

    /** The resources in the group: the Traffic Manager profiles, the Front Door profile and its WAF policy. */
    @GetMapping("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroup}/resources")
    Map<String, Object> resources(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
        List<Map<String, Object>> value = new ArrayList<>();
        profiles.list()
                .forEach(profile ->
                        value.add(genericResource(profile.id(), profile.name(), ArmResources.PROFILE_TYPE, "global")));
        value.add(genericResource(
                scope.resourceId("Microsoft.Cdn/profiles", properties.gateway().frontDoorProfile()),
                properties.gateway().frontDoorProfile(),
                "Microsoft.Cdn/profiles",
                "Global"));
        gateway.policyIfReachable()
                .ifPresent(policy -> value.add(genericResource(
                        scope.resourceId(
                                ApiVersions.WAF_POLICIES, policy.path("name").asString()),
                        policy.path("name").asString(),
                        ApiVersions.WAF_POLICIES,
                        "Global")));
        return Map.of("value", value);
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers")
    Map<String, Object> providers(
            @PathVariable String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        scope.subscription(subscriptionId);
        return Map.of("value", List.of(provider("Microsoft.Network"), provider("Microsoft.Cdn")));
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/{namespace}")
    Map<String, Object> provider(
            @PathVariable String subscriptionId,
            @PathVariable String namespace,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        scope.subscription(subscriptionId);
        for (String known : List.of("Microsoft.Network", "Microsoft.Cdn")) {
            if (known.equalsIgnoreCase(namespace)) {
                return provider(known);
            }
        }
        throw new ArmException(
                HttpStatus.NOT_FOUND,
                "InvalidResourceNamespace",
                "The resource namespace '" + namespace + "' is invalid.");
    }

    @GetMapping("/subscriptions/{subscriptionId}/locations")
    Map<String, Object> locations(
            @PathVariable String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.RESOURCE_MANAGER, apiVersion);
        scope.subscription(subscriptionId);
        return Map.of("value", List.of(location("northeurope", "North Europe"), location("westeurope", "West Europe")));
    }

    /**
     * The cloud's endpoints, as {@code https://management.azure.com/metadata/endpoints} publishes Azure's:
     * one cloud's object at 2015-01-01 (what az 2.45's {@code cloud register --endpoint-resource-manager} reads),
     * a list of clouds from 2019-05-01.
     */
    @GetMapping("/metadata/endpoints")
    Object metadata(
            @RequestParam(name = "api-version", required = false) String apiVersion, HttpServletRequest request) {
        ApiVersions.require("metadata", apiVersion);
        String resourceManager =
                request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + "/";
        List<String> audiences = properties.identity().audiences().stream()
                .filter(a -> a.endsWith("/"))
                .toList();
        String login = properties.loginEndpoint();
        if (apiVersion.equals("2015-01-01")) {
            Map<String, Object> cloud = new LinkedHashMap<>();
            cloud.put("galleryEndpoint", resourceManager);
            cloud.put("graphEndpoint", resourceManager);
            cloud.put("portalEndpoint", resourceManager);
            cloud.put("authentication", Map.of("loginEndpoint", login, "audiences", audiences));
            return cloud;
        }
        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("name", "PowerPagesStackEmulator");
        cloud.put("resourceManager", resourceManager);
        cloud.put("portal", resourceManager);
        cloud.put("gallery", resourceManager);
        cloud.put("graph", resourceManager);
        cloud.put(
                "authentication",
                Map.of("loginEndpoint", login, "audiences", audiences, "tenant", "common", "identityProvider", "AAD"));
        return List.of(cloud);
    }

    /** Anything else under ARM's paths: ARM's 404 for a type it does not know. */
    @RequestMapping({"/subscriptions/**", "/providers/**", "/tenants/**"})
    void unknown(HttpServletRequest request) {
        List<String> segments = new ArrayList<>(
                List.of(request.getRequestURI().replaceAll("^/+", "").split("/")));
        int providers = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).equalsIgnoreCase("providers")) {
                providers = i;
                break;
            }
        }
        if (providers >= 0 && providers + 2 < segments.size()) {
            String namespace = segments.get(providers + 1);
            String type = segments.get(providers + 2);
            throw new ArmException(
                    HttpStatus.NOT_FOUND,
                    "InvalidResourceType",
                    "The resource type '" + type
                            + "' could not be found in the namespace '" + namespace + "' for api version '"
                            + request.getParameter("api-version") + "'.");
        }
        throw new ArmException(
                HttpStatus.NOT_FOUND,
                "NotFound",
                "No route serves '" + request.getMethod() + " " + request.getRequestURI()
                        + "' on the emulator's resource-manager endpoint.");
    }

    private Map<String, Object> subscription() {
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("id", scope.subscriptionId());
        subscription.put("authorizationSource", "RoleBased");
        subscription.put("managedByTenants", List.of());
        subscription.put("subscriptionId", properties.subscriptionId());
        subscription.put("tenantId", properties.tenantId());
        subscription.put("displayName", properties.subscriptionName());
        subscription.put("state", "Enabled");
        subscription.put(
                "subscriptionPolicies",
                Map.of(
                        "locationPlacementId",
                        "Public_2014-09-01",
                        "quotaId",
                        "PayAsYouGo_2014-09-01",
                        "spendingLimit",
                        "Off"));
        return subscription;
    }

    private Map<String, Object> resourceGroup() {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("id", scope.resourceGroupId());
        group.put("name", properties.resourceGroup());
        group.put("type", "Microsoft.Resources/resourceGroups");
        group.put("location", properties.location());
        group.put("properties", Map.of("provisioningState", "Succeeded"));
        return group;
    }

    private Map<String, Object> provider(String namespace) {
        List<Map<String, Object>> types = new ArrayList<>();
        ApiVersions.typesOf(namespace).forEach((type, versions) -> {
            List<String> newestFirst = new ArrayList<>(versions);
            Collections.reverse(newestFirst);
            types.add(Map.of(
                    "resourceType",
                    type,
                    "locations",
                    List.of("global"),
                    "apiVersions",
                    newestFirst,
                    "capabilities",
                    "None"));
        });
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("id", scope.subscriptionId() + "/providers/" + namespace);
        provider.put("namespace", namespace);
        provider.put("registrationState", "Registered");
        provider.put("registrationPolicy", "RegistrationRequired");
        provider.put("resourceTypes", types);
        return provider;
    }

    private Map<String, Object> location(String name, String displayName) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("id", scope.subscriptionId() + "/locations/" + name);
        location.put("name", name);
        location.put("displayName", displayName);
        location.put("regionalDisplayName", "(Europe) " + displayName);
        location.put("type", "Region");
        location.put(
                "metadata",
                Map.of(
                        "regionType",
                        "Physical",
                        "regionCategory",
                        "Recommended",
                        "geographyGroup",
                        "Europe",
                        "pairedRegion",
                        List.of(Map.of("name", name.equals("northeurope") ? "westeurope" : "northeurope"))));
        return location;
    }

    private static Map<String, Object> genericResource(String id, String name, String type, String location) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("id", id);
        resource.put("name", name);
        resource.put("type", type);
        resource.put("location", location.toLowerCase(Locale.ROOT));
        return resource;
    }
}
