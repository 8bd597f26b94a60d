package dev.powerpages.emulator.appnode.node;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The node's error envelope for its own endpoints ({@code /_services}), {@code {"error":{"code":…,"message":…}}},
 * code first as Dataverse writes it. A record rather than {@code Map.of}, whose iteration order changes from one JVM
 * run to the next; the order is pinned because Jackson 3 sorts properties alphabetically by default.
 */
public record NodeError(Body error) {

    @JsonPropertyOrder({"code", "message"})
    public record Body(String code, String message) {}

    public static NodeError of(String code, String message) {
        return new NodeError(new Body(code, message));
    }
}
