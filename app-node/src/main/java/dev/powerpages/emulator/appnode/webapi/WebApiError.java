package dev.powerpages.emulator.appnode.webapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The portals Web API's error, {@code {"error":{"code":…,"message":…}}} with Dataverse's own error in
 * {@code innererror} for a CDS error when the site setting {@code Webapi/error/innererror} is true. Records with a
 * pinned order: Map.of's order changes from one JVM run to the next, and Jackson 3 sorts properties alphabetically
 * unless told.
 */
record WebApiError(Body error) {

    @JsonPropertyOrder({"code", "message", "innererror"})
    record Body(
            String code,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) Inner innererror) {}

    @JsonPropertyOrder({"code", "message"})
    record Inner(String code, String message) {}
}
