package dev.powerpages.emulator.store.error;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Dataverse's error body, {@code {"error":{"code":"0x…","message":…}}}, code first as Dataverse writes it. A record
 * rather than {@code Map.of}, whose iteration order changes from one JVM run to the next; the order is pinned because
 * Jackson 3 sorts properties alphabetically unless told.
 */
public record DataverseError(Body error) {

    @JsonPropertyOrder({"code", "message"})
    public record Body(String code, String message) {}

    public static DataverseError of(String code, String message) {
        return new DataverseError(new Body(code, message));
    }
}
