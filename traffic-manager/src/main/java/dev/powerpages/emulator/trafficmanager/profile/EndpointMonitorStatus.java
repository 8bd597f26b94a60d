package dev.powerpages.emulator.trafficmanager.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** ARM {@code endpointMonitorStatus}, as documented in Azure's "Traffic Manager endpoint monitoring" (Endpoint monitor status table). */
public enum EndpointMonitorStatus {
    CHECKING_ENDPOINT("CheckingEndpoint"),
    ONLINE("Online"),
    DEGRADED("Degraded"),
    DISABLED("Disabled"),
    INACTIVE("Inactive"),
    STOPPED("Stopped"),
    UNMONITORED("Unmonitored");

    private final String azureName;

    EndpointMonitorStatus(String azureName) {
        this.azureName = azureName;
    }

    /** The value as Azure spells it in ARM JSON. */
    @JsonValue
    public String azureName() {
        return azureName;
    }

    /** ARM compares enum values case-insensitively. */
    public static Optional<EndpointMonitorStatus> fromAzureName(String value) {
        return Arrays.stream(values())
                .filter(v -> v.azureName.equalsIgnoreCase(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return azureName;
    }
}
