package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Optional;

/** ARM {@code trafficRoutingMethod}. The emulator implements Priority (active/passive) only; the others are named so that configuring them fails with a clear message. */
public enum TrafficRoutingMethod implements ArmEnum {
    PRIORITY,
    WEIGHTED,
    PERFORMANCE,
    GEOGRAPHIC,
    MULTI_VALUE,
    SUBNET;

    /** ARM compares enum values case-insensitively. */
    public static Optional<TrafficRoutingMethod> fromAzureName(String value) {
        return ArmEnum.fromAzureName(TrafficRoutingMethod.class, value);
    }

    @Override
    public String toString() {
        return azureName();
    }
}
