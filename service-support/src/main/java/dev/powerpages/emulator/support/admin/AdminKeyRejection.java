package dev.powerpages.emulator.support.admin;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How a servlet service answers a request to a protected path without the admin key: the whole response. A service
 * whose API has its own error style declares its own bean (the traffic manager answers ARM's
 * {@code AuthenticationFailed} on its profiles); the others get {@link #envelope(String)}.
 */
@FunctionalInterface
public interface AdminKeyRejection {

    void reject(HttpServletRequest request, HttpServletResponse response, AdminKeyFailure failure) throws IOException;

    /**
     * 401 with {@code {"error":{"code":"Unauthorized","message":"The X-Admin-Key header is missing or wrong"}}}, as the
     * app nodes' and the store's admin endpoints have always answered.
     */
    static AdminKeyRejection envelope(String header) {
        return (request, response, failure) -> write(
                response, 401, ErrorEnvelope.json("Unauthorized", "The " + header + " header is missing or wrong"));
    }

    /**
     * Writes a JSON answer and ends the response: {@code Content-Type: application/json} without a charset, as Spring
     * MVC's JSON converter writes it (JSON is UTF-8, RFC 8259).
     */
    static void write(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
