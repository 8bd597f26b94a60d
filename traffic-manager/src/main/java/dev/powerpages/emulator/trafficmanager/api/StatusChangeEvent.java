package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus;
import dev.powerpages.emulator.trafficmanager.profile.EndpointStatusChange;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;

/**
 * An endpoint status change as the events API shows it ({@code "kind":"StatusChange"}).
 *
 * @param probe the probe that caused it, or null when a configuration change did
 * @param probeAgent the probing agent whose probe caused it ({@code agent-1}...), or null
 */
record StatusChangeEvent(
        String kind,
        String time,
        String endpoint,
        EndpointMonitorStatus oldStatus,
        EndpointMonitorStatus newStatus,
        String reason,
        Probe probe,
        String probeAgent)
        implements ProfileEventView {

    /** A probe result: the status code (null when none arrived), the error, and the latency. */
    record Probe(String time, boolean success, Integer statusCode, String error, long latencyMs) {}

    static StatusChangeEvent of(EndpointStatusChange change) {
        ProbeResult probe = change.probe();
        return new StatusChangeEvent(
                "StatusChange",
                change.time().toString(),
                change.endpoint(),
                change.oldStatus(),
                change.newStatus(),
                change.reason(),
                probe == null
                        ? null
                        : new Probe(
                                probe.time().toString(),
                                probe.success(),
                                probe.statusCode(),
                                probe.error(),
                                probe.latency().toMillis()),
                change.probeAgent());
    }
}
