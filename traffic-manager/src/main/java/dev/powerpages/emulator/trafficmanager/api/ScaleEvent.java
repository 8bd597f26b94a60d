package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.profile.ScaleDecision;

/**
 * A region's scaling decision as the events API shows it:
 * {@code {"kind":"Scale","time":…,"endpoint":"northeurope","reason":…,"instances":{"from":1,"to":2}}}.
 */
record ScaleEvent(String kind, String time, String endpoint, String reason, Instances instances)
        implements ProfileEventView {

    record Instances(int from, int to) {}

    static ScaleEvent of(ScaleDecision decision) {
        return new ScaleEvent(
                "Scale",
                decision.time().toString(),
                decision.endpoint(),
                decision.reason(),
                new Instances(decision.from(), decision.to()));
    }
}
