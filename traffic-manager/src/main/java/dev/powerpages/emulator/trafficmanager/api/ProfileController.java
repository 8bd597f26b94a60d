package dev.powerpages.emulator.trafficmanager.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.powerpages.emulator.trafficmanager.api.ArmResources.EndpointResource;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ListResult;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ProfileResource;
import dev.powerpages.emulator.trafficmanager.profile.EndpointStatus;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProperties;

/** Profiles as Azure Resource Manager shows them, their status-change history, and endpoint enable/disable. */
@RestController
@RequestMapping("/api/profiles")
class ProfileController {

    private final ProfileRegistry profiles;
    private final byte[] adminKey;

    ProfileController(ProfileRegistry profiles, TrafficManagerProperties properties) {
        this.profiles = profiles;
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

    /** Every endpoint status change, newest first, with the probe result that caused it. */
    @GetMapping("/{name}/events")
    ListResult<StatusChangeEvent> events(@PathVariable String name) {
        List<StatusChangeEvent> events = profile(name).statusChanges().stream().map(StatusChangeEvent::of).toList();
        return new ListResult<>(events);
    }

    /**
     * Enables or disables an endpoint as an ARM PATCH of {@code properties.endpointStatus} does. An admin
     * action: it needs the admin key, as the emulator's other admin endpoints do.
     */
    @PatchMapping("/{name}/endpoints/{endpointName}")
    EndpointResource patchEndpoint(@PathVariable String name, @PathVariable String endpointName,
            @RequestHeader(name = "X-Admin-Key", required = false) String key,
            @RequestBody EndpointPatch patch) {
        if (key == null || !MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new ArmException(HttpStatus.UNAUTHORIZED, "AuthenticationFailed",
                    "Changing an endpoint needs the admin key in the X-Admin-Key header.");
        }
        TrafficManagerProfile profile = profile(name);
        TrafficManagerEndpoint endpoint = profile.endpoint(endpointName)
                .orElseThrow(() -> ArmException.endpointNotFound(profile.name(), endpointName));
        String requested = patch.properties() == null ? null : patch.properties().endpointStatus();
        if (requested != null) {
            EndpointStatus status = EndpointStatus.fromAzureName(requested)
                    .orElseThrow(() -> new ArmException(HttpStatus.BAD_REQUEST, "BadRequest",
                            "properties.endpointStatus must be Enabled or Disabled, not '" + requested + "'."));
            profile.changeEndpointStatus(endpoint, status);
        }
        return ArmResources.endpoint(profile.name(), endpoint.state());
    }

    private TrafficManagerProfile profile(String name) {
        return profiles.find(name).orElseThrow(() -> ArmException.profileNotFound(name));
    }

    /** The part of an endpoint resource a PATCH may change here. */
    record EndpointPatch(Properties properties) {

        record Properties(String endpointStatus) {
        }
    }
}
