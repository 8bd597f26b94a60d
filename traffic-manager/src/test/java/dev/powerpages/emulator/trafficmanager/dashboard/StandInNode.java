package dev.powerpages.emulator.trafficmanager.dashboard;

import dev.powerpages.emulator.trafficmanager.dashboard.StandInService.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An app node as the dashboard sees it (on a {@link StandInService}): {@code /_services/health} that fails while {@code failHealth} is
 * set, and {@code /_services/chaos} (admin key required) that merges the fields sent, as the real node's
 * fault injection does.
 */
final class StandInNode {

    static final String ADMIN_KEY = "emulator-admin-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final StandInService service = StandInService.start();
    private final String region;
    private final Map<String, Object> faults = new LinkedHashMap<>();
    private volatile List<StandInNode> instances = List.of();

    StandInNode(String region) {
        this.region = region;
        clearFaults();
        service.on("GET", "/_services/health", r -> health())
                .on(
                        "GET",
                        "/_services/about",
                        r -> Reply.json(
                                200,
                                "{\"region\":\"" + region + "\",\"node\":\"" + region + "-1\",\"version\":\"test\"}"))
                .on("GET", "/_services/chaos", r -> authorized(r) ? faults() : unauthorized())
                .on("DELETE", "/_services/chaos", r -> {
                    if (!authorized(r)) {
                        return unauthorized();
                    }
                    clearFaults();
                    return faults();
                })
                .on("PUT", "/_services/chaos", r -> {
                    if (!authorized(r)) {
                        return unauthorized();
                    }
                    JsonNode patch = JSON.readTree(r.body());
                    synchronized (faults) {
                        for (Map.Entry<String, JsonNode> field : patch.properties()) {
                            faults.put(
                                    field.getKey(),
                                    field.getValue().isBoolean()
                                            ? field.getValue().asBoolean()
                                            : field.getValue().numberValue());
                        }
                    }
                    return faults();
                });
    }

    /**
     * Answers health as a region front does: with {@code instances} (node, url, status) listing these stand-ins as
     * the region's instances.
     */
    StandInNode listingInstances(StandInNode... listed) {
        this.instances = List.of(listed);
        return this;
    }

    /** The node's meters at {@code /actuator/metrics/{name}}. */
    StandInNode withMeters(Consumer<StandInMeters> meters) {
        meters.accept(new StandInMeters(service));
        return this;
    }

    boolean failingHealth() {
        synchronized (faults) {
            return Boolean.TRUE.equals(faults.get("failHealth"));
        }
    }

    void failHealth(boolean fail) {
        synchronized (faults) {
            faults.put("failHealth", fail);
        }
    }

    void clearFaults() {
        synchronized (faults) {
            faults.clear();
            faults.put("failHealth", false);
            faults.put("latencyMs", 0);
            faults.put("errorRate", 0.0);
            faults.put("storeCutOff", false);
        }
    }

    private Reply health() {
        String listed = instances.isEmpty()
                ? ""
                : ",\"instances\":"
                        + instances.stream()
                                .map(i -> "{\"node\":\"" + i.region + "\",\"url\":\"" + i.service.url()
                                        + "\",\"status\":\"" + (i.failingHealth() ? "Unhealthy" : "Healthy") + "\"}")
                                .collect(Collectors.joining(",", "[", "]"));
        return failingHealth()
                ? Reply.json(
                        503,
                        "{\"status\":\"Unhealthy\",\"region\":\"" + region
                                + "\",\"reasons\":[\"failHealth fault injected\"]" + listed + "}")
                : Reply.json(
                        200, "{\"status\":\"Healthy\",\"region\":\"" + region + "\",\"reasons\":[]" + listed + "}");
    }

    private Reply faults() {
        synchronized (faults) {
            return Reply.json(200, JSON.writeValueAsString(faults));
        }
    }

    private static boolean authorized(StandInService.Request request) {
        return ADMIN_KEY.equals(request.header("X-Admin-Key"));
    }

    private static Reply unauthorized() {
        return Reply.json(401, "{\"error\":{\"code\":\"Unauthorized\"}}");
    }
}
