package dev.powerpages.emulator.trafficmanager.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one health probe.
 *
 * @param time when the probe was sent
 * @param success whether the endpoint answered an expected status within the timeout
 * @param statusCode the HTTP status received, or null when no answer arrived (or for a TCP probe)
 * @param error why the probe failed (null on success)
 * @param latency time from sending the probe to its outcome
 */
public record ProbeResult(Instant time, boolean success, Integer statusCode, String error, Duration latency) {

    public static ProbeResult succeeded(Instant time, int statusCode, Duration latency) {
        return new ProbeResult(time, true, statusCode, null, latency);
    }

    /** A TCP probe whose connection opened in time. */
    public static ProbeResult connected(Instant time, Duration latency) {
        return new ProbeResult(time, true, null, null, latency);
    }

    public static ProbeResult failed(Instant time, Integer statusCode, String error, Duration latency) {
        return new ProbeResult(time, false, statusCode, error, latency);
    }
}
