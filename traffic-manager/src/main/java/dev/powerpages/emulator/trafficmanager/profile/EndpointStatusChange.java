package dev.powerpages.emulator.trafficmanager.profile;

import java.time.Instant;

/**
 * One change of an endpoint's monitor status, kept for the events API and the dashboard.
 *
 * @param probe the probe whose result caused the change, or null for a configuration change
 * @param probeAgent the probing agent that sent that probe ({@code agent-1}...), or null
 */
public record EndpointStatusChange(
        Instant time,
        String endpoint,
        EndpointMonitorStatus oldStatus,
        EndpointMonitorStatus newStatus,
        String reason,
        ProbeResult probe,
        String probeAgent)
        implements ProfileEvent {}
