package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.api.ArmRequests.EndpointBody;
import dev.powerpages.emulator.trafficmanager.api.ArmRequests.ProfileBody;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.EndpointResource;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ListResult;
import dev.powerpages.emulator.trafficmanager.api.ArmResources.ProfileResource;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.ScaleDecision;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Profiles and endpoints as Azure Resource Manager serves them: GET, PUT (create or replace: 201 or 200),
 * PATCH (a JSON merge patch of the resource, RFC 7396) and DELETE (200, or 204 when there was nothing to
 * delete), plus each profile's status-change history. Changes are admin actions: they need the admin key,
 * as the emulator's other admin endpoints do (the starter's chain over {@code stack.admin.paths}; its 401 is ARM's
 * {@code AuthenticationFailed}, security.TrafficManagerAdminAnswers).
 */
@RestController
@RequestMapping("/api/profiles")
class ProfileController {

    private final ProfileOperations operations;
    private final ProfileRegistry profiles;

    ProfileController(ProfileOperations operations, ProfileRegistry profiles) {
        this.operations = operations;
        this.profiles = profiles;
    }

    @GetMapping
    ListResult<ProfileResource> list() {
        return new ListResult<>(operations.list());
    }

    @GetMapping("/{name}")
    ProfileResource get(@PathVariable String name) {
        return operations.get(name);
    }

    @PutMapping("/{name}")
    ResponseEntity<ProfileResource> put(@PathVariable String name, @RequestBody ProfileBody body) {
        return written(operations.put(name, body));
    }

    @PatchMapping("/{name}")
    ProfileResource patch(@PathVariable String name, @RequestBody JsonNode patch) {
        return operations.patch(name, patch);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        return operations.delete(name)
                ? ResponseEntity.ok().build()
                : ResponseEntity.noContent().build();
    }

    /**
     * Every event, newest first: endpoint status changes ({@code "kind":"StatusChange"}, with the probe result and
     * agent that caused them) and the regions' scaling decisions ({@code "kind":"Scale"}).
     */
    @GetMapping("/{name}/events")
    ListResult<ProfileEventView> events(@PathVariable String name) {
        TrafficManagerProfile profile = profiles.find(name).orElseThrow(() -> ArmException.profileNotFound(name));
        return new ListResult<>(
                profile.events().stream().map(ProfileEventView::of).toList());
    }

    /**
     * A region's front reports a scaling decision for the endpoint that stands for the region
     * ({@code {"kind":"Scale","endpoint":"northeurope","reason":"…","instances":{"from":1,"to":2}}}); it joins the
     * event list. Only scaling decisions can be reported: status changes are the traffic manager's own.
     */
    @PostMapping("/{name}/events")
    ResponseEntity<ProfileEventView> reportEvent(@PathVariable String name, @RequestBody JsonNode body) {
        TrafficManagerProfile profile = profiles.find(name).orElseThrow(() -> ArmException.profileNotFound(name));
        ScaleReport report = ScaleReport.read(body);
        TrafficManagerEndpoint endpoint = profile.endpoint(report.endpoint())
                .orElseThrow(() -> ArmException.endpointNotFound(name, report.endpoint()));
        ScaleDecision decision = profile.recordScaleDecision(endpoint, report.reason(), report.from(), report.to());
        return ResponseEntity.status(HttpStatus.CREATED).body(ScaleEvent.of(decision));
    }

    @GetMapping("/{name}/endpoints/{endpointName}")
    EndpointResource getEndpoint(@PathVariable String name, @PathVariable String endpointName) {
        return operations.getEndpoint(name, endpointName);
    }

    /** Creates or replaces an endpoint; without a priority a new endpoint goes after the others. */
    @PutMapping("/{name}/endpoints/{endpointName}")
    ResponseEntity<EndpointResource> putEndpoint(
            @PathVariable String name, @PathVariable String endpointName, @RequestBody EndpointBody body) {
        return written(operations.putEndpoint(name, endpointName, body));
    }

    /** A JSON merge patch of the endpoint, e.g. {@code {"properties":{"endpointStatus":"Disabled"}}}. */
    @PatchMapping("/{name}/endpoints/{endpointName}")
    EndpointResource patchEndpoint(
            @PathVariable String name, @PathVariable String endpointName, @RequestBody JsonNode patch) {
        return operations.patchEndpoint(name, endpointName, patch);
    }

    @DeleteMapping("/{name}/endpoints/{endpointName}")
    ResponseEntity<Void> deleteEndpoint(@PathVariable String name, @PathVariable String endpointName) {
        return operations.deleteEndpoint(name, endpointName)
                ? ResponseEntity.ok().build()
                : ResponseEntity.noContent().build();
    }

    private static <T> ResponseEntity<T> written(ProfileOperations.Written<T> written) {
        return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(written.resource());
    }
}
