package dev.powerpages.emulator.trafficmanager.profile;

import java.time.Instant;

/**
 * One entry of a profile's event list: an endpoint's status change (the traffic manager's own) or a scaling decision
 * a region's front reported for the endpoint that stands for the region.
 */
public sealed interface ProfileEvent permits EndpointStatusChange, ScaleDecision {

    Instant time();

    String endpoint();
}
