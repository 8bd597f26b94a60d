package dev.powerpages.emulator.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * What the stack's routing looked like when a wait gave up, for its failure message: each link of a failover in turn,
 * so that the message says which one did not follow. The traffic manager's verdict on each endpoint (its probes), its
 * answer for the profile (what its DNS says), the status changes with the probes' reasons, and the answer the gateway
 * holds (what it sends visitors to, for how much longer). A failed wait said only the last page's answer; a gateway
 * still sending visitors to a killed region could not be told apart from a traffic manager that had not yet marked it
 * Degraded, nor from one answering the primary because it found every endpoint Degraded.
 *
 * <p>Each part is read on its own: a part that cannot be read (a stopped service) says why, and the others still
 * show.
 */
final class RoutingSnapshot {

    /** The status changes shown, newest first: a failover and what came just before it. */
    static final int EVENTS = 8;

    private RoutingSnapshot() {}

    /** The routing as the traffic manager and the gateway show it now. */
    static String of(TrafficManager trafficManager, RunningService gateway) {
        List<String> lines = new ArrayList<>();
        // The moment, to set beside the status changes' times and the wait's timeline.
        lines.add("the stack's routing at " + Instant.now() + ":");
        lines.add("traffic manager's endpoints: " + part(() -> endpoints(trafficManager.profile())));
        lines.add("traffic manager resolves " + TrafficManager.PROFILE + " to: " + part(() -> answer(trafficManager)));
        lines.add("status changes, newest first: " + part(() -> changes(trafficManager.events())));
        lines.add("gateway holds: "
                + part(() -> held(Json.parse(
                        Http.get(gateway.url("/_edge/admin/origin"), Map.of(AdminKey.HEADER, AdminKey.VALUE))))));
        return String.join("\n", lines);
    }

    private static String part(Supplier<String> reading) {
        try {
            return reading.get();
        } catch (RuntimeException ex) {
            return "(unavailable: " + ex.getMessage() + ")";
        }
    }

    private static String endpoints(JsonNode profile) {
        List<String> each = new ArrayList<>();
        for (JsonNode endpoint : profile.get("properties").get("endpoints")) {
            each.add(endpoint.get("name").asString() + " "
                    + endpoint.get("properties").get("endpointMonitorStatus").asString());
        }
        return String.join(", ", each);
    }

    private static String answer(TrafficManager trafficManager) {
        TrafficManager.Resolution answer = trafficManager.resolve();
        return answer.endpoint() + " (" + answer.endpointMonitorStatus() + ", " + answer.url() + ", TTL "
                + answer.ttl().toSeconds() + " s" + (answer.allEndpointsDegraded() ? ", every endpoint Degraded" : "")
                + ")";
    }

    private static String changes(List<TrafficManager.StatusChange> changes) {
        if (changes.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        changes.stream()
                .limit(EVENTS)
                .forEach(change -> text.append("\n  ")
                        .append(change.time())
                        .append(' ')
                        .append(change.endpoint())
                        .append(' ')
                        .append(change.oldStatus())
                        .append(" -> ")
                        .append(change.newStatus())
                        .append(change.reason() == null ? "" : ": " + change.reason()));
        return text.toString();
    }

    /** The gateway's {@code /_edge/admin/origin}: its cached resolve answer, as a DNS client's cache shows one. */
    private static String held(JsonNode view) {
        JsonNode answer = view.get("answer");
        if (answer == null || answer.isNull()) {
            return "no answer yet";
        }
        StringBuilder text = new StringBuilder(answer.get("endpoint").asString())
                .append(" (")
                .append(answer.get("url").asString())
                .append(", fetched ")
                .append(view.get("ageSeconds").asLong())
                .append(" s ago, ")
                .append(view.get("remainingTtlSeconds").asLong())
                .append(" s of its ")
                .append(view.get("ttlSeconds").asLong())
                .append(" s TTL left");
        if (view.get("stale").asBoolean()) {
            JsonNode error = view.get("lastError");
            text.append(", kept stale: the traffic manager did not answer")
                    .append(error == null || error.isNull() ? "" : " (" + error.asString() + ")");
        }
        return text.append(')').toString();
    }
}
