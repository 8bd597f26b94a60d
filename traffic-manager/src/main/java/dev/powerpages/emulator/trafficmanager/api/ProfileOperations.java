package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.api.ArmRequests.EndpointBody;
import dev.powerpages.emulator.trafficmanager.api.ArmRequests.ProfileBody;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.EndpointResource;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ProfileResource;
import dev.powerpages.emulator.trafficmanager.profile.EndpointDefinition;
import dev.powerpages.emulator.trafficmanager.profile.ProfileDefinition;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a GET, PUT, PATCH or DELETE of a profile or an endpoint does to the one profile model, whichever door it
 * came through: the labs' {@code /api/profiles} (admin key) or the resource-manager endpoint (bearer token, see
 * {@code trafficmanager.arm}). Both show and change the same profiles, so a change made through either is the one
 * the probes and the gateway follow.
 * <p>
 * Every change is a read of the profile, a change of it and a save of the whole profile, so changes are made one at a
 * time: the Azure SDK's fluent {@code create()} PUTs a new profile's endpoints side by side, and two endpoint PUTs
 * read at once would each save the profile without the other's endpoint, both acknowledged (ARM keeps both).
 */
@Component
public class ProfileOperations {

    private final ProfileRegistry profiles;
    private final JsonMapper json;

    ProfileOperations(ProfileRegistry profiles, JsonMapper json) {
        this.profiles = profiles;
        this.json = json;
    }

    /** A resource and whether the request created it (ARM: 201 rather than 200). */
    public record Written<T>(T resource, boolean created) {}

    public List<ProfileResource> list() {
        return profiles.all().stream().map(p -> ArmResources.profile(p.state())).toList();
    }

    public ProfileResource get(String name) {
        return ArmResources.profile(profile(name).state());
    }

    /**
     * ARM's PUT: creates or replaces the whole profile, its endpoints included. The emulator's own settings
     * ({@code properties.emulator}: fast probing, time scale) are kept when the body does not name them: Azure's
     * clients do not know them, and the Azure SDK's fluent update PUTs back the profile it read without them.
     */
    public synchronized Written<ProfileResource> put(String name, ProfileBody body) {
        ProfileDefinition definition = ArmRequests.profile(body);
        boolean namesEmulator =
                body != null && body.properties() != null && body.properties().emulator() != null;
        var existing = profiles.find(name);
        if (!namesEmulator && existing.isPresent()) {
            definition = new ProfileDefinition(
                    definition.trafficRoutingMethod(),
                    definition.profileStatus(),
                    definition.dnsConfig(),
                    definition.monitorConfig(),
                    definition.endpoints(),
                    existing.get().definition().emulator());
        }
        ProfileRegistry.Saved saved = profiles.put(name, definition);
        return new Written<>(ArmResources.profile(saved.profile().state()), saved.created());
    }

    /** ARM's PATCH: a JSON merge patch (RFC 7396) of the resource as a GET shows it. */
    public synchronized ProfileResource patch(String name, JsonNode patch) {
        TrafficManagerProfile profile = profile(name);
        JsonNode merged = MergePatch.apply(json.valueToTree(ArmResources.profile(profile.state())), patch);
        ProfileDefinition definition = ArmRequests.profile(json.treeToValue(merged, ProfileBody.class));
        return ArmResources.profile(
                profiles.put(profile.name(), definition).profile().state());
    }

    /** @return false when there was no such profile (ARM answers 204 rather than 200) */
    public synchronized boolean delete(String name) {
        return profiles.delete(name);
    }

    public EndpointResource getEndpoint(String name, String endpointName) {
        TrafficManagerProfile profile = profile(name);
        return ArmResources.endpoint(
                profile.name(), endpoint(profile, endpointName).state());
    }

    /** Creates or replaces an endpoint; without a priority a new endpoint goes after the others. */
    public synchronized Written<EndpointResource> putEndpoint(String name, String endpointName, EndpointBody body) {
        TrafficManagerProfile profile = profile(name);
        boolean created = profile.endpoint(endpointName).isEmpty();
        EndpointDefinition endpoint = ArmRequests.endpoint(endpointName, body);
        TrafficManagerProfile saved =
                profiles.put(profile.name(), withEndpoint(profile, endpoint)).profile();
        return new Written<>(
                ArmResources.endpoint(
                        saved.name(), endpoint(saved, endpointName).state()),
                created);
    }

    /** A JSON merge patch of the endpoint, e.g. {@code {"properties":{"endpointStatus":"Disabled"}}}. */
    public synchronized EndpointResource patchEndpoint(String name, String endpointName, JsonNode patch) {
        TrafficManagerProfile profile = profile(name);
        TrafficManagerEndpoint current = endpoint(profile, endpointName);
        JsonNode merged =
                MergePatch.apply(json.valueToTree(ArmResources.endpoint(profile.name(), current.state())), patch);
        EndpointDefinition endpoint =
                ArmRequests.endpoint(current.name(), json.treeToValue(merged, EndpointBody.class));
        TrafficManagerProfile saved =
                profiles.put(profile.name(), withEndpoint(profile, endpoint)).profile();
        return ArmResources.endpoint(saved.name(), endpoint(saved, endpointName).state());
    }

    /** @return false when the profile has no such endpoint */
    public synchronized boolean deleteEndpoint(String name, String endpointName) {
        TrafficManagerProfile profile = profile(name);
        if (profile.endpoint(endpointName).isEmpty()) {
            return false;
        }
        ProfileDefinition current = profile.currentDefinition();
        List<EndpointDefinition> endpoints = current.endpoints().stream()
                .filter(endpoint -> !endpoint.name().equalsIgnoreCase(endpointName))
                .toList();
        profiles.put(
                profile.name(),
                new ProfileDefinition(
                        current.trafficRoutingMethod(),
                        current.profileStatus(),
                        current.dnsConfig(),
                        current.monitorConfig(),
                        endpoints,
                        current.emulator()));
        return true;
    }

    /** Whether a profile of that name exists (ARM's name availability checks). */
    public boolean exists(String name) {
        return profiles.find(name).isPresent();
    }

    /** Whether any profile uses that relative DNS name ({@code <name>.trafficmanager.net}). */
    public boolean relativeNameTaken(String relativeName) {
        return profiles.all().stream()
                .anyMatch(p ->
                        relativeName.equalsIgnoreCase(p.definition().dnsConfig().relativeName()));
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
            int next = endpoints.stream()
                            .mapToInt(EndpointDefinition::priority)
                            .max()
                            .orElse(0)
                    + 1;
            endpoint = new EndpointDefinition(
                    endpoint.name(),
                    endpoint.type(),
                    endpoint.target(),
                    endpoint.endpointStatus(),
                    index >= 0 ? endpoints.get(index).priority() : next,
                    endpoint.endpointLocation(),
                    endpoint.alwaysServe());
        }
        if (index >= 0) {
            endpoints.set(index, endpoint);
        } else {
            endpoints.add(endpoint);
        }
        return new ProfileDefinition(
                current.trafficRoutingMethod(),
                current.profileStatus(),
                current.dnsConfig(),
                current.monitorConfig(),
                endpoints,
                current.emulator());
    }

    private TrafficManagerProfile profile(String name) {
        return profiles.find(name).orElseThrow(() -> ArmException.profileNotFound(name));
    }

    private static TrafficManagerEndpoint endpoint(TrafficManagerProfile profile, String endpointName) {
        return profile.endpoint(endpointName)
                .orElseThrow(() -> ArmException.endpointNotFound(profile.name(), endpointName));
    }
}
