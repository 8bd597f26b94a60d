package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Optional;

/** ARM {@code profileStatus}: a disabled profile is not monitored and its DNS name answers NXDOMAIN. */
public enum ProfileStatus implements ArmEnum {
    ENABLED,
    DISABLED;

    /** ARM compares enum values case-insensitively. */
    public static Optional<ProfileStatus> fromAzureName(String value) {
        return ArmEnum.fromAzureName(ProfileStatus.class, value);
    }

    @Override
    public String toString() {
        return azureName();
    }
}
