package dev.powerpages.emulator.store.auth;

import dev.powerpages.emulator.store.StoreProperties;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Token requests for a tenant other than the configured one, v2 or v1 (the configured tenant's endpoints
 * are served by the authorization server's filters before any controller): Entra ID answers AADSTS90002.
 */
@RestController
class UnknownTenantController {

    private final EntraTokenResponses responses;

    UnknownTenantController(ObjectMapper mapper, StoreProperties properties) {
        this.responses = new EntraTokenResponses(mapper, properties.tenantId());
    }

    @PostMapping({"/{tenant}/oauth2/v2.0/token", "/{tenant}/oauth2/token"})
    ResponseEntity<Map<String, Object>> unknownTenant(@PathVariable String tenant) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .header("Cache-Control", "no-store")
                .body(
                        responses.entraError(
                                "invalid_request",
                                90002,
                                "Tenant '" + tenant
                                        + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."));
    }
}
