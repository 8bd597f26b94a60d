package dev.powerpages.emulator.trafficmanager.profile;

import java.time.Instant;

/**
 * A region's autoscaler added or removed an instance behind an endpoint (the region's front reports it), kept in the
 * profile's event list beside the status changes so that one list tells what happened to the region.
 *
 * @param from the region's instance count before the decision
 * @param to   the count after it
 */
public record ScaleDecision(Instant time, String endpoint, String reason, int from, int to) implements ProfileEvent {}
