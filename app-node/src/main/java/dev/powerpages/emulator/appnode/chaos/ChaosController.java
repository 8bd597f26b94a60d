package dev.powerpages.emulator.appnode.chaos;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fault injection, behind the admin key (header {@code X-Admin-Key}; {@code stack.admin.paths}, checked by the starter's chain). */
@RestController
@RequestMapping("/_services/chaos")
class ChaosController {

    /** The answer to {@code {"crash": true}}, in this key order. */
    static final String CRASH_ACCEPTED = "{\"crash\":true,\"message\":\"The node process exits now\"}";

    private final ChaosState chaos;
    private final ProcessCrash crash;

    ChaosController(ChaosState chaos, ProcessCrash crash) {
        this.chaos = chaos;
        this.crash = crash;
    }

    @GetMapping
    ResponseEntity<?> show() {
        return ResponseEntity.ok(chaos.current());
    }

    @PutMapping
    ResponseEntity<?> inject(@RequestBody(required = false) FaultsPatch patch, HttpServletResponse response)
            throws IOException {
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
    ResponseEntity<?> clear() {
        return ResponseEntity.ok(chaos.clear());
    }

    private static ResponseEntity<?> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ErrorEnvelope.of(code, message));
    }
}
