package dev.powerpages.emulator.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Traffic Manager profile as the dashboard shows it, in Azure's words (the ARM values documented in
 * "Traffic Manager endpoint monitoring": {@code Online}, {@code Degraded}, {@code CheckingEndpoint(s)}, ...).
 *
 * @param profileMonitorStatus {@code monitorConfig.profileMonitorStatus}
 * @param routing what the profile's DNS answers now
 * @param endpoints in the profile's order
 * @param statusChanges endpoint monitor status changes, newest first (as {@code GET /api/profiles/{name}/events})
 */
public record ProfileReading(
        String name,
        String fqdn,
        String routingMethod,
        long ttl,
        String profileMonitorStatus,
        Routing routing,
        List<Endpoint> endpoints,
        List<StatusChange> statusChanges) {

    /**
     * @param endpoint the endpoint DNS answers with, or null for NXDOMAIN
     * @param allEndpointsDegraded every enabled endpoint is Degraded and the answer is Azure's best effort
     * @param noAnswerReason why DNS answers NXDOMAIN (null when it answers)
     */
    public record Routing(String endpoint, boolean allEndpointsDegraded, String noAnswerReason) {}

    /**
     * @param trafficUrl the app node's base URL (the endpoint's target)
     * @param endpointStatus {@code Enabled}/{@code Disabled}
     * @param monitorStatus {@code endpointMonitorStatus}
     * @param lastProbe null before the first probe
     */
    public record Endpoint(
            String name,
            String location,
            int priority,
            String target,
            String trafficUrl,
            String endpointStatus,
            String monitorStatus,
            int consecutiveFailures,
            Probe lastProbe) {}

    /** One health probe's outcome; {@code statusCode} is null when no answer arrived. */
    public record Probe(Instant time, boolean success, Integer statusCode, String error, Duration latency) {}

    public record StatusChange(Instant time, String endpoint, String oldStatus, String newStatus, String reason) {}
}
