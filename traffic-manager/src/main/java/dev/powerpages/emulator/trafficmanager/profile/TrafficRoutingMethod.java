package dev.powerpages.emulator.trafficmanager.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** ARM {@code trafficRoutingMethod}. The emulator implements Priority (active/passive) only; the others are named so that configuring them fails with a clear message. */
public enum TrafficRoutingMethod {
    PRIORITY("Priority"),
    WEIGHTED("Weighted"),
    PERFORMANCE("Performance"),
    GEOGRAPHIC("Geographic"),
    MULTI_VALUE("MultiValue"),
    SUBNET("Subnet");

    private final String azureName;

    TrafficRoutingMethod(String azureName) {
        this.azureName = azureName;
    }

    /** The value as Azure spells it in ARM JSON. */
    @JsonValue
    public String azureName() {
        return azureName;
    }

    /** ARM compares enum values case-insensitively. */
    public static Optional<TrafficRoutingMethod> fromAzureName(String value) {
        return Arrays.stream(values())
                .filter(v -> v.azureName.equalsIgnoreCase(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return azureName;
    }
}
