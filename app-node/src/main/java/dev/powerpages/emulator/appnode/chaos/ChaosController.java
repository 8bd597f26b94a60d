package dev.powerpages.emulator.appnode.chaos;

import dev.powerpages.emulator.appnode.node.AdminKey;
import dev.powerpages.emulator.appnode.node.NodeError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

    /** The answer to {@code {"crash": true}}, in this key order. */
    static final String CRASH_ACCEPTED = "{\"crash\":true,\"message\":\"The node process exits now\"}";

    private final ChaosState chaos;
    private final AdminKey adminKey;
    private final ProcessCrash crash;

    ChaosController(ChaosState chaos, AdminKey adminKey, ProcessCrash crash) {
        this.chaos = chaos;
        this.adminKey = adminKey;
        this.crash = crash;
    }

    @GetMapping
    ResponseEntity<?> show(@RequestHeader(name = "X-Admin-Key", required = false) String adminKey) {
        if (!authorized(adminKey)) {
            return unauthorized();
        }
        return ResponseEntity.ok(chaos.current());
    }

    @PutMapping
    ResponseEntity<?> inject(
            @RequestHeader(name = "X-Admin-Key", required = false) String adminKey,
            @RequestBody(required = false) FaultsPatch patch,
            HttpServletResponse response)
            throws IOException {
        if (!authorized(adminKey)) {
            return unauthorized();
        }
        if (patch == null) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "BadRequest",
                    "A JSON body with failHealth, latencyMs, errorRate, storeCutOff or crash is required");
        }
        String problem = patch.problem();
        if (problem != null) {
            return error(HttpStatus.BAD_REQUEST, "BadRequest", problem);
        }
        if (Boolean.TRUE.equals(patch.crash())) {
            // Irreversible: the process dies as in a crash (no graceful shutdown); a supervisor must start it again.
            // The answer is written and flushed before the crash is scheduled, not returned: the process dies 100 ms
            // later, which a loaded machine's first serialisation of an answer can outlast (the caller then saw a cut
            // connection instead of the 202).
            byte[] body = CRASH_ACCEPTED.getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpStatus.ACCEPTED.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
            crash.crashSoon();
            return null; // answered above
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

    private boolean authorized(String presented) {
        return adminKey.matches(presented);
    }

    private static ResponseEntity<?> unauthorized() {
        return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "The X-Admin-Key header is missing or wrong");
    }

    private static ResponseEntity<?> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(NodeError.of(code, message));
    }
}
