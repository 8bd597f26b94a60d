package dev.powerpages.emulator.trafficmanager.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** ARM {@code alwaysServe}: when Enabled the endpoint is not probed and always counts as healthy. */
public enum AlwaysServe {
    ENABLED("Enabled"),
    DISABLED("Disabled");

    private final String azureName;

    AlwaysServe(String azureName) {
        this.azureName = azureName;
    }

    /** The value as Azure spells it in ARM JSON. */
    @JsonValue
    public String azureName() {
        return azureName;
    }

    /** ARM compares enum values case-insensitively. */
    public static Optional<AlwaysServe> fromAzureName(String value) {
        return Arrays.stream(values())
                .filter(v -> v.azureName.equalsIgnoreCase(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return azureName;
    }
}
