package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Azure Resource Manager's error envelope, {@code {"error":{"code":"…","message":"…"}}} ("Common error
 * response", Azure Resource Manager RPC: error responses), for refusals that happen before a controller: the
 * security filter chain's 401 and 403, and requests that came to the wrong connector.
 */
@Component
class ArmErrorResponses {

    private final JsonMapper json;

    ArmErrorResponses(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        byte[] body = json.writeValueAsBytes(ErrorEnvelope.of(code, message));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
