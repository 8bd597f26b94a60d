package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Optional;

/** ARM {@code monitorConfig.profileMonitorStatus}, as documented in Azure's "Traffic Manager endpoint monitoring" (Profile monitor status table). */
public enum ProfileMonitorStatus implements ArmEnum {
    CHECKING_ENDPOINTS,
    ONLINE,
    DEGRADED,
    DISABLED,
    INACTIVE;

    /** ARM compares enum values case-insensitively. */
    public static Optional<ProfileMonitorStatus> fromAzureName(String value) {
        return ArmEnum.fromAzureName(ProfileMonitorStatus.class, value);
    }

    @Override
    public String toString() {
        return azureName();
    }
}
