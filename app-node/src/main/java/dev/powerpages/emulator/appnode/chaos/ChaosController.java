package dev.powerpages.emulator.appnode.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import dev.powerpages.emulator.appnode.node.NodeProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fault injection, behind the admin key (header {@code X-Admin-Key}). */
@RestController
@RequestMapping("/_services/chaos")
class ChaosController {

    private final ChaosState chaos;
    private final NodeProperties node;

    ChaosController(ChaosState chaos, NodeProperties node) {
        this.chaos = chaos;
        this.node = node;
    }

    @GetMapping
    ResponseEntity<?> show(@RequestHeader(name = "X-Admin-Key", required = false) String adminKey) {
        if (!authorized(adminKey)) {
            return unauthorized();
        }
        return ResponseEntity.ok(chaos.current());
    }

    @PutMapping
    ResponseEntity<?> inject(@RequestHeader(name = "X-Admin-Key", required = false) String adminKey,
            @RequestBody(required = false) FaultsPatch patch) {
        if (!authorized(adminKey)) {
            return unauthorized();
        }
        if (patch == null) {
            return error(HttpStatus.BAD_REQUEST, "BadRequest", "A JSON body with failHealth, latencyMs, errorRate or storeCutOff is required");
        }
        String problem = patch.problem();
        if (problem != null) {
            return error(HttpStatus.BAD_REQUEST, "BadRequest", problem);
        }
        return ResponseEntity.ok(chaos.apply(patch));
    }

    @DeleteMapping
    ResponseEntity<?> clear(@RequestHeader(name = "X-Admin-Key", required = false) String adminKey) {
        if (!authorized(adminKey)) {
            return unauthorized();
        }
        return ResponseEntity.ok(chaos.clear());
    }

    private boolean authorized(String adminKey) {
        // Constant-time comparison: the key is a (development) secret.
        return adminKey != null && MessageDigest.isEqual(
                adminKey.getBytes(StandardCharsets.UTF_8), node.adminKey().getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<?> unauthorized() {
        return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "The X-Admin-Key header is missing or wrong");
    }

    private static ResponseEntity<?> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", Map.of("code", code, "message", message)));
    }
}
