package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Optional;

/** ARM {@code endpointMonitorStatus}, as documented in Azure's "Traffic Manager endpoint monitoring" (Endpoint monitor status table). */
public enum EndpointMonitorStatus implements ArmEnum {
    CHECKING_ENDPOINT,
    ONLINE,
    DEGRADED,
    DISABLED,
    INACTIVE,
    STOPPED,
    UNMONITORED;

    /** ARM compares enum values case-insensitively. */
    public static Optional<EndpointMonitorStatus> fromAzureName(String value) {
        return ArmEnum.fromAzureName(EndpointMonitorStatus.class, value);
    }

    @Override
    public String toString() {
        return azureName();
    }
}
