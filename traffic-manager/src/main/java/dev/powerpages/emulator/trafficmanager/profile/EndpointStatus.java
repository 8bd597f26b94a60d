package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Optional;

/** ARM {@code endpointStatus}: a disabled endpoint is not probed and never returned. */
public enum EndpointStatus implements ArmEnum {
    ENABLED,
    DISABLED;

    /** ARM compares enum values case-insensitively. */
    public static Optional<EndpointStatus> fromAzureName(String value) {
        return ArmEnum.fromAzureName(EndpointStatus.class, value);
    }

    @Override
    public String toString() {
        return azureName();
    }
}
