package dev.powerpages.emulator.trafficmanager.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** ARM {@code endpointStatus}: a disabled endpoint is not probed and never returned. */
public enum EndpointStatus {
    ENABLED("Enabled"),
    DISABLED("Disabled");

    private final String azureName;

    EndpointStatus(String azureName) {
        this.azureName = azureName;
    }

    /** The value as Azure spells it in ARM JSON. */
    @JsonValue
    public String azureName() {
        return azureName;
    }

    /** ARM compares enum values case-insensitively. */
    public static Optional<EndpointStatus> fromAzureName(String value) {
        return Arrays.stream(values())
                .filter(v -> v.azureName.equalsIgnoreCase(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return azureName;
    }
}
