package dev.powerpages.emulator.trafficmanager.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** ARM {@code monitorConfig.profileMonitorStatus}, as documented in Azure's "Traffic Manager endpoint monitoring" (Profile monitor status table). */
public enum ProfileMonitorStatus {
    CHECKING_ENDPOINTS("CheckingEndpoints"),
    ONLINE("Online"),
    DEGRADED("Degraded"),
    DISABLED("Disabled"),
    INACTIVE("Inactive");

    private final String azureName;

    ProfileMonitorStatus(String azureName) {
        this.azureName = azureName;
    }

    /** The value as Azure spells it in ARM JSON. */
    @JsonValue
    public String azureName() {
        return azureName;
    }

    /** ARM compares enum values case-insensitively. */
    public static Optional<ProfileMonitorStatus> fromAzureName(String value) {
        return Arrays.stream(values())
                .filter(v -> v.azureName.equalsIgnoreCase(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return azureName;
    }
}
