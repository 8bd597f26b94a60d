package dev.powerpages.emulator.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The traffic manager and its demo profile ({@code contoso}), read through its ARM-shaped API. */
public final class TrafficManager {

    /** The demo profile the gateway follows. */
    public static final String PROFILE = "contoso";

    private final RunningService service;

    private final java.util.function.Supplier<String> resourceManagerUrl;

    TrafficManager(RunningService service, java.util.function.Supplier<String> resourceManagerUrl) {
        this.service = service;
        this.resourceManagerUrl = resourceManagerUrl;
    }

    /**
     * The resource-manager endpoint: Azure Resource Manager's paths for this traffic manager's profiles and the
     * gateway's Front Door resources, for the Azure SDKs and az ({@code https://localhost:8060/} in {@code ./stack}).
     */
    public String resourceManagerUrl() {
        return resourceManagerUrl.get();
    }

    public URI url(String path) {
        return service.url(path);
    }

    /** {@code GET /api/profiles/contoso}: the profile and its endpoints, as Azure Resource Manager shows them. */
    public JsonNode profile() {
        return Json.parse(require(Http.get(url("/api/profiles/" + PROFILE)), "GET profile"));
    }

    /** An endpoint's {@code endpointMonitorStatus}: {@code Online}, {@code Degraded}, {@code CheckingEndpoint}, … */
    public String endpointStatus(String endpoint) {
        for (JsonNode candidate : profile().get("properties").get("endpoints")) {
            if (endpoint.equals(candidate.get("name").asString())) {
                return candidate.get("properties").get("endpointMonitorStatus").asString();
            }
        }
        throw new IllegalArgumentException("no endpoint " + endpoint + " in the " + PROFILE + " profile");
    }

    /** What the profile's DNS name resolves to now, as the gateway asks for it. */
    public Resolution resolve() {
        JsonNode answer = Json.parse(require(Http.get(url("/api/profiles/" + PROFILE + "/resolve")), "resolve"));
        return new Resolution(
                answer.get("endpoint").asString(),
                answer.get("url").asString(),
                answer.get("endpointMonitorStatus").asString(),
                Duration.ofSeconds(answer.get("ttl").asLong()),
                answer.get("allEndpointsDegraded").asBoolean());
    }

    /** Every endpoint status change so far, newest first, with the reason. */
    public List<StatusChange> events() {
        JsonNode events = Json.parse(require(Http.get(url("/api/profiles/" + PROFILE + "/events")), "events"));
        List<StatusChange> changes = new ArrayList<>();
        for (JsonNode event : events.get("value")) {
            // The list also holds the regions' scaling decisions (kind Scale): status changes only here.
            JsonNode kind = event.get("kind");
            if (kind != null && !"StatusChange".equals(kind.asString())) {
                continue;
            }
            changes.add(new StatusChange(
                    event.get("time").asString(),
                    event.get("endpoint").asString(),
                    text(event.get("oldStatus")),
                    text(event.get("newStatus")),
                    text(event.get("reason"))));
        }
        return changes;
    }

    /** Disables an endpoint ({@code endpointStatus: Disabled}), as an operator would in the portal. */
    public void disableEndpoint(String endpoint) {
        patchEndpoint(endpoint, "Disabled");
    }

    public void enableEndpoint(String endpoint) {
        patchEndpoint(endpoint, "Enabled");
    }

    /**
     * The worst case from breaking the primary to visitors reaching the secondary, from the profile's
     * settings: {@code (toleratedNumberOfFailures + 1) × intervalInSeconds + timeoutInSeconds + ttl}
     * (Azure marks an endpoint Degraded after more than the tolerated number of failed probes, and
     * resolvers keep the old answer for the DNS TTL).
     */
    public Duration failoverBound() {
        JsonNode properties = profile().get("properties");
        JsonNode monitor = properties.get("monitorConfig");
        long interval = monitor.get("intervalInSeconds").asLong();
        long timeout = monitor.get("timeoutInSeconds").asLong();
        long tolerated = monitor.get("toleratedNumberOfFailures").asLong();
        long ttl = properties.get("dnsConfig").get("ttl").asLong();
        return Duration.ofSeconds((tolerated + 1) * interval + timeout + ttl);
    }

    /** The worst case for failback: one probe interval and its timeout to see the endpoint well again, then the TTL. */
    public Duration failbackBound() {
        JsonNode properties = profile().get("properties");
        JsonNode monitor = properties.get("monitorConfig");
        return Duration.ofSeconds(monitor.get("intervalInSeconds").asLong()
                + monitor.get("timeoutInSeconds").asLong()
                + properties.get("dnsConfig").get("ttl").asLong());
    }

    private void patchEndpoint(String endpoint, String status) {
        require(
                Http.send(
                        "PATCH",
                        url("/api/profiles/" + PROFILE + "/endpoints/" + endpoint),
                        Json.write(Map.of("properties", Map.of("endpointStatus", status))),
                        AdminKey.jsonHeaders()),
                "PATCH endpoint " + endpoint);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static HttpResult require(HttpResult result, String action) {
        if (result.status() != 200) {
            throw new IllegalStateException("traffic manager: " + action + " answered " + result);
        }
        return result;
    }

    /**
     * The traffic manager's answer for the profile's name.
     *
     * @param endpoint the endpoint that takes traffic now ({@code northeurope}, …)
     * @param url where traffic goes
     * @param endpointMonitorStatus that endpoint's status
     * @param ttl how long the answer may be cached
     * @param allEndpointsDegraded true when every endpoint is Degraded and the answer is Azure's best effort
     */
    public record Resolution(
            String endpoint, String url, String endpointMonitorStatus, Duration ttl, boolean allEndpointsDegraded) {}

    /** One endpoint status change, as {@code GET /api/profiles/contoso/events} lists it. */
    public record StatusChange(String time, String endpoint, String oldStatus, String newStatus, String reason) {}
}
