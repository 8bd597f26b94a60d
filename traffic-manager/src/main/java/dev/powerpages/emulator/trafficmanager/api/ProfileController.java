package dev.powerpages.emulator.trafficmanager.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.powerpages.emulator.trafficmanager.api.ArmRequests.EndpointBody;
import dev.powerpages.emulator.trafficmanager.api.ArmRequests.ProfileBody;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.EndpointResource;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ListResult;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ProfileResource;
import dev.powerpages.emulator.trafficmanager.profile.EndpointDefinition;
import dev.powerpages.emulator.trafficmanager.profile.ProfileDefinition;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profiles and endpoints as Azure Resource Manager serves them: GET, PUT (create or replace: 201 or 200),
 * PATCH (a JSON merge patch of the resource, RFC 7396) and DELETE (200, or 204 when there was nothing to
 * delete), plus each profile's status-change history. Changes are admin actions: they need the admin key,
 * as the emulator's other admin endpoints do.
 */
@RestController
@RequestMapping("/api/profiles")
class ProfileController {

    private final ProfileRegistry profiles;
    private final JsonMapper json;
    private final byte[] adminKey;

    ProfileController(ProfileRegistry profiles, JsonMapper json, TrafficManagerProperties properties) {
        this.profiles = profiles;
        this.json = json;
        this.adminKey = properties.adminKey().getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping
    ListResult<ProfileResource> list() {
        return new ListResult<>(profiles.all().stream().map(p -> ArmResources.profile(p.state())).toList());
    }

    @GetMapping("/{name}")
    ProfileResource get(@PathVariable String name) {
        return ArmResources.profile(profile(name).state());
    }

    @PutMapping("/{name}")
    ResponseEntity<ProfileResource> put(@PathVariable String name,
            @RequestHeader(name = "X-Admin-Key", required = false) String key, @RequestBody ProfileBody body) {
        requireAdmin(key);
        return saved(profiles.put(name, ArmRequests.profile(body)));
    }

    @PatchMapping("/{name}")
    ProfileResource patch(@PathVariable String name,
            @RequestHeader(name = "X-Admin-Key", required = false) String key, @RequestBody JsonNode patch) {
        requireAdmin(key);
        TrafficManagerProfile profile = profile(name);
        JsonNode merged = MergePatch.apply(json.valueToTree(ArmResources.profile(profile.state())), patch);
        ProfileDefinition definition = ArmRequests.profile(json.treeToValue(merged, ProfileBody.class));
        return ArmResources.profile(profiles.put(profile.name(), definition).profile().state());
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name,
            @RequestHeader(name = "X-Admin-Key", required = false) String key) {
        requireAdmin(key);
        return profiles.delete(name) ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
    }

    /** Every endpoint status change, newest first, with the probe result (and agent) that caused it. */
    @GetMapping("/{name}/events")
    ListResult<StatusChangeEvent> events(@PathVariable String name) {
        List<StatusChangeEvent> events = profile(name).statusChanges().stream().map(StatusChangeEvent::of).toList();
        return new ListResult<>(events);
    }

    @GetMapping("/{name}/endpoints/{endpointName}")
    EndpointResource getEndpoint(@PathVariable String name, @PathVariable String endpointName) {
        TrafficManagerProfile profile = profile(name);
        return ArmResources.endpoint(profile.name(), endpoint(profile, endpointName).state());
    }

    /** Creates or replaces an endpoint; without a priority a new endpoint goes after the others. */
    @PutMapping("/{name}/endpoints/{endpointName}")
    ResponseEntity<EndpointResource> putEndpoint(@PathVariable String name, @PathVariable String endpointName,
            @RequestHeader(name = "X-Admin-Key", required = false) String key, @RequestBody EndpointBody body) {
        requireAdmin(key);
        TrafficManagerProfile profile = profile(name);
        boolean created = profile.endpoint(endpointName).isEmpty();
        EndpointDefinition endpoint = ArmRequests.endpoint(endpointName, body);
        TrafficManagerProfile saved = profiles.put(profile.name(), withEndpoint(profile, endpoint)).profile();
        EndpointResource resource = ArmResources.endpoint(saved.name(), endpoint(saved, endpointName).state());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(resource);
    }

    /** A JSON merge patch of the endpoint, e.g. {@code {"properties":{"endpointStatus":"Disabled"}}}. */
    @PatchMapping("/{name}/endpoints/{endpointName}")
    EndpointResource patchEndpoint(@PathVariable String name, @PathVariable String endpointName,
            @RequestHeader(name = "X-Admin-Key", required = false) String key, @RequestBody JsonNode patch) {
        requireAdmin(key);
        TrafficManagerProfile profile = profile(name);
        TrafficManagerEndpoint current = endpoint(profile, endpointName);
        JsonNode merged = MergePatch.apply(json.valueToTree(ArmResources.endpoint(profile.name(), current.state())),
                patch);
        EndpointDefinition endpoint = ArmRequests.endpoint(current.name(), json.treeToValue(merged, EndpointBody.class));
        TrafficManagerProfile saved = profiles.put(profile.name(), withEndpoint(profile, endpoint)).profile();
        return ArmResources.endpoint(saved.name(), endpoint(saved, endpointName).state());
    }

    @DeleteMapping("/{name}/endpoints/{endpointName}")
    ResponseEntity<Void> deleteEndpoint(@PathVariable String name, @PathVariable String endpointName,
            @RequestHeader(name = "X-Admin-Key", required = false) String key) {
        requireAdmin(key);
        TrafficManagerProfile profile = profile(name);
        if (profile.endpoint(endpointName).isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        ProfileDefinition current = profile.currentDefinition();
        List<EndpointDefinition> endpoints = current.endpoints().stream()
                .filter(endpoint -> !endpoint.name().equalsIgnoreCase(endpointName)).toList();
        profiles.put(profile.name(), new ProfileDefinition(current.trafficRoutingMethod(), current.profileStatus(),
                current.dnsConfig(), current.monitorConfig(), endpoints, current.emulator()));
        return ResponseEntity.ok().build();
    }

    private static ProfileDefinition withEndpoint(TrafficManagerProfile profile, EndpointDefinition endpoint) {
        ProfileDefinition current = profile.currentDefinition();
        List<EndpointDefinition> endpoints = new ArrayList<>(current.endpoints());
        int index = -1;
        for (int i = 0; i < endpoints.size(); i++) {
            if (endpoints.get(i).name().equalsIgnoreCase(endpoint.name())) {
                index = i;
            }
        }
        if (endpoint.priority() == null) {
            int next = endpoints.stream().mapToInt(EndpointDefinition::priority).max().orElse(0) + 1;
            endpoint = new EndpointDefinition(endpoint.name(), endpoint.type(), endpoint.target(),
                    endpoint.endpointStatus(), index >= 0 ? endpoints.get(index).priority() : next,
                    endpoint.endpointLocation(), endpoint.alwaysServe());
        }
        if (index >= 0) {
            endpoints.set(index, endpoint);
        }
        else {
            endpoints.add(endpoint);
        }
        return new ProfileDefinition(current.trafficRoutingMethod(), current.profileStatus(), current.dnsConfig(),
                current.monitorConfig(), endpoints, current.emulator());
    }

    private ResponseEntity<ProfileResource> saved(ProfileRegistry.Saved saved) {
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ArmResources.profile(saved.profile().state()));
    }

    private void requireAdmin(String key) {
        if (key == null || !MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new ArmException(HttpStatus.UNAUTHORIZED, "AuthenticationFailed",
                    "Changing profiles and endpoints needs the admin key in the X-Admin-Key header.");
        }
    }

    private TrafficManagerProfile profile(String name) {
        return profiles.find(name).orElseThrow(() -> ArmException.profileNotFound(name));
    }

    private static TrafficManagerEndpoint endpoint(TrafficManagerProfile profile, String endpointName) {
        return profile.endpoint(endpointName)
                .orElseThrow(() -> ArmException.endpointNotFound(profile.name(), endpointName));
    }
}
