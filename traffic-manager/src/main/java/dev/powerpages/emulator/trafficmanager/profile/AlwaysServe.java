package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Optional;

/** ARM {@code alwaysServe}: when Enabled the endpoint is not probed and always counts as healthy. */
public enum AlwaysServe implements ArmEnum {
    ENABLED,
    DISABLED;

    /** ARM compares enum values case-insensitively. */
    public static Optional<AlwaysServe> fromAzureName(String value) {
        return ArmEnum.fromAzureName(AlwaysServe.class, value);
    }

    @Override
    public String toString() {
        return azureName();
    }
}
