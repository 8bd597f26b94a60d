package dev.powerpages.emulator.trafficmanager.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** ARM {@code monitorConfig.protocol}. The emulator probes HTTP and HTTPS; TCP is a later addition. */
public enum MonitorProtocol {
    HTTP("HTTP"),
    HTTPS("HTTPS"),
    TCP("TCP");

    private final String azureName;

    MonitorProtocol(String azureName) {
        this.azureName = azureName;
    }

    /** The value as Azure spells it in ARM JSON. */
    @JsonValue
    public String azureName() {
        return azureName;
    }

    /** ARM compares enum values case-insensitively. */
    public static Optional<MonitorProtocol> fromAzureName(String value) {
        return Arrays.stream(values())
                .filter(v -> v.azureName.equalsIgnoreCase(value))
                .findFirst();
    }

    /** The port a probe uses when {@code monitorConfig.port} is absent. */
    public int defaultPort() {
        return this == HTTPS ? 443 : 80;
    }

    @Override
    public String toString() {
        return azureName;
    }
}
