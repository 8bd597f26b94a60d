package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.profile.EndpointStatusChange;
import dev.powerpages.emulator.trafficmanager.profile.ProfileEvent;
import dev.powerpages.emulator.trafficmanager.profile.ScaleDecision;

/**
 * An entry of {@code GET /api/profiles/{name}/events}: each says its {@code kind} ({@code StatusChange},
 * {@code Scale}), its {@code time} and its {@code endpoint}, so a reader (the dashboard's charts) can tell them apart.
 */
sealed interface ProfileEventView permits StatusChangeEvent, ScaleEvent {

    static ProfileEventView of(ProfileEvent event) {
        if (event instanceof EndpointStatusChange change) {
            return StatusChangeEvent.of(change);
        }
        return ScaleEvent.of((ScaleDecision) event);
    }
}
