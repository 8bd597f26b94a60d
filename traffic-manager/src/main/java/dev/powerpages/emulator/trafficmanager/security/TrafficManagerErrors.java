package dev.powerpages.emulator.trafficmanager.security;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error answers of the traffic manager for requests refused before a controller, in the envelope its APIs
 * already use: Azure Resource Manager's {@code {"error":{"code","message"}}} on {@code /api/profiles} (ARM's
 * {@code InvalidRequestContent} for a body it cannot read), the same envelope on the dashboard's API. Never a stack
 * trace, never the container's name or version.
 */
final class TrafficManagerErrors {

    private TrafficManagerErrors() {}

    /**
     * Paths whose request bodies must be JSON: the ARM-style profile API, the dashboard API and the resource-manager
     * endpoint's paths (ARM matches them without regard to case).
     */
    static boolean isWebApi(String path) {
        if (path == null) {
            return false;
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("/api/")
                || lower.startsWith("/subscriptions")
                || lower.startsWith("/providers/")
                || lower.startsWith("/tenants");
    }

    /** The traffic manager's codes for the readable ones the request limits pass (RejectionWriter); others pass unchanged. */
    static String code(String path, int status, String readableCode) {
        return switch (readableCode) {
            // ARM's code for a body it cannot read, used by ArmExceptionHandler too.
            case "BadRequest" -> "InvalidRequestContent";
            // The traffic manager names 413 as RFC 9110 does (Content Too Large).
            case "PayloadTooLarge" -> "RequestContentTooLarge";
            default -> readableCode;
        };
    }

    static void write(HttpServletResponse response, String path, int status, String readableCode, String message)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        if (status == 413) {
            // The client may still be sending a body we will not read: do not keep the connection for another request.
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = json(code(path, status, readableCode), message).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String json(String code, String message) {
        return ErrorEnvelope.json(code, message);
    }
}
