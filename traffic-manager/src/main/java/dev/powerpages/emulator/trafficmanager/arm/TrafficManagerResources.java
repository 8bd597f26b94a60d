package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.api.ArmException;
import dev.powerpages.emulator.trafficmanager.api.ArmRequests;
import dev.powerpages.emulator.trafficmanager.api.ArmRequests.EndpointBody;
import dev.powerpages.emulator.trafficmanager.api.ArmRequests.ProfileBody;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.EndpointResource;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ListResult;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ProfileResource;
import dev.powerpages.emulator.trafficmanager.api.ProfileOperations;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * {@code Microsoft.Network/trafficManagerProfiles} at Azure Resource Manager's paths, on the same profiles as the
 * labs' {@code /api/profiles} ({@link ProfileOperations}): a change here is the one the probes and the gateway
 * follow. Operations and answers as the REST API reference describes them (learn.microsoft.com/rest/api/trafficmanager:
 * Profiles - Get, Create Or Update (200/201), Update (PATCH), Delete (200/204), List By Resource Group, List By
 * Subscription, Check Traffic Manager Name Availability V2; Endpoints - Get, Create Or Update, Update, Delete).
 */
@ArmApi
class TrafficManagerResources {

    private static final String PROFILES = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
            + "Microsoft.Network/trafficManagerProfiles";
    private static final String PROFILE = PROFILES + "/{name}";
    private static final String ENDPOINT = PROFILE + "/{endpointType}/{endpointName}";

    private final ProfileOperations profiles;
    private final ArmScope scope;
    private final ArmProperties properties;

    TrafficManagerResources(ProfileOperations profiles, ArmScope scope, ArmProperties properties) {
        this.profiles = profiles;
        this.scope = scope;
        this.properties = properties;
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/Microsoft.Network/trafficManagerProfiles")
    ListResult<ProfileResource> listBySubscription(
            @PathVariable String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.TRAFFIC_MANAGER, apiVersion);
        scope.subscription(subscriptionId);
        return new ListResult<>(profiles.list());
    }

    @GetMapping(PROFILES)
    ListResult<ProfileResource> listByResourceGroup(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        check(subscriptionId, resourceGroup, apiVersion);
        return new ListResult<>(profiles.list());
    }

    @GetMapping(PROFILE)
    ProfileResource get(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        check(subscriptionId, resourceGroup, apiVersion);
        return profiles.get(name);
    }

    @PutMapping(PROFILE)
    ResponseEntity<ProfileResource> put(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestBody ProfileBody body) {
        check(subscriptionId, resourceGroup, apiVersion);
        ProfileOperations.Written<ProfileResource> written = profiles.put(name, body);
        return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(written.resource());
    }

    @PatchMapping(PROFILE)
    ProfileResource patch(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestBody JsonNode patch) {
        check(subscriptionId, resourceGroup, apiVersion);
        return profiles.patch(name, patch);
    }

    @DeleteMapping(PROFILE)
    ResponseEntity<Void> delete(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        check(subscriptionId, resourceGroup, apiVersion);
        return profiles.delete(name)
                ? ResponseEntity.ok().build()
                : ResponseEntity.noContent().build();
    }

    @GetMapping(ENDPOINT)
    EndpointResource getEndpoint(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @PathVariable String endpointType,
            @PathVariable String endpointName,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        check(subscriptionId, resourceGroup, apiVersion);
        return ofType(profiles.getEndpoint(name, endpointName), name, endpointType, endpointName);
    }

    @PutMapping(ENDPOINT)
    ResponseEntity<EndpointResource> putEndpoint(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @PathVariable String endpointType,
            @PathVariable String endpointName,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestBody EndpointBody body) {
        check(subscriptionId, resourceGroup, apiVersion);
        String type = endpointType(endpointType);
        // The type is the path's (ARM: the URL names the child resource type), whatever the body says.
        EndpointBody typed = new EndpointBody(endpointName, type, body == null ? null : body.properties());
        ProfileOperations.Written<EndpointResource> written = profiles.putEndpoint(name, endpointName, typed);
        return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(written.resource());
    }

    @PatchMapping(ENDPOINT)
    EndpointResource patchEndpoint(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @PathVariable String endpointType,
            @PathVariable String endpointName,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestBody JsonNode patch) {
        check(subscriptionId, resourceGroup, apiVersion);
        ofType(profiles.getEndpoint(name, endpointName), name, endpointType, endpointName);
        return profiles.patchEndpoint(name, endpointName, patch);
    }

    @DeleteMapping(ENDPOINT)
    ResponseEntity<Void> deleteEndpoint(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String name,
            @PathVariable String endpointType,
            @PathVariable String endpointName,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        check(subscriptionId, resourceGroup, apiVersion);
        endpointType(endpointType);
        return profiles.deleteEndpoint(name, endpointName)
                ? ResponseEntity.ok().build()
                : ResponseEntity.noContent().build();
    }

    /**
     * Whether {@code <name>.trafficmanager.net} is free: Profiles - Check Traffic Manager Name Availability V2 (and
     * the older, tenant-level check, same body and answer).
     */
    @PostMapping({
        "/subscriptions/{subscriptionId}/providers/Microsoft.Network/checkTrafficManagerNameAvailabilityV2",
        "/providers/Microsoft.Network/checkTrafficManagerNameAvailability"
    })
    Map<String, Object> checkName(
            @PathVariable(required = false) String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestBody(required = false) NameCheck check) {
        ApiVersions.require(ApiVersions.TRAFFIC_MANAGER_NAME_AVAILABILITY, apiVersion);
        if (subscriptionId != null) {
            scope.subscription(subscriptionId);
        }
        if (check == null || check.name() == null || check.name().isBlank()) {
            throw new ArmException(
                    HttpStatus.BAD_REQUEST,
                    "BadRequest",
                    "The request must name the relative DNS "
                            + "name to check ({\"name\": \"…\", \"type\": \"Microsoft.Network/trafficManagerProfiles\"}).");
        }
        String type = check.type() == null ? "Microsoft.Network/trafficManagerProfiles" : check.type();
        boolean taken = profiles.relativeNameTaken(check.name());
        return taken
                ? Map.of(
                        "name",
                        check.name(),
                        "type",
                        type,
                        "nameAvailable",
                        false,
                        "reason",
                        "AlreadyExists",
                        "message",
                        check.name() + ".trafficmanager.net is already taken. Please choose a different name.")
                : Map.of("name", check.name(), "type", type, "nameAvailable", true);
    }

    record NameCheck(String name, String type) {}

    private void check(String subscriptionId, String resourceGroup, String apiVersion) {
        ApiVersions.require(ApiVersions.TRAFFIC_MANAGER, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
    }

    /** The endpoint type as ARM spells it, or ARM's 404 for a child type Traffic Manager profiles do not have. */
    private String endpointType(String endpointType) {
        String type = ArmRequests.endpointType(endpointType);
        if (!ArmRequests.ENDPOINT_TYPES.contains(type)) {
            throw new ArmException(
                    HttpStatus.NOT_FOUND,
                    "InvalidResourceType",
                    "The resource type '"
                            + "trafficManagerProfiles/" + endpointType + "' could not be found in the namespace "
                            + "'Microsoft.Network'.");
        }
        return type;
    }

    /** A GET through {@code azureEndpoints/x} of an external endpoint {@code x} finds nothing, as in Azure. */
    private EndpointResource ofType(
            EndpointResource endpoint, String profile, String endpointType, String endpointName) {
        String type = endpointType(endpointType);
        if (!endpoint.type().endsWith("/" + type)) {
            throw ArmScope.notFound(
                    "Microsoft.Network/trafficManagerProfiles/" + profile + "/" + endpointType,
                    endpointName,
                    properties.resourceGroup());
        }
        return endpoint;
    }
}
