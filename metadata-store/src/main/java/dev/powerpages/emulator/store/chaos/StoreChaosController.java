package dev.powerpages.emulator.store.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The store's fault injection, with the app nodes' chaos contract: {@code PUT /_services/chaos} with
 * {@code {"outage": true}} takes the store down (absent fields keep their value), {@code GET} shows it,
 * {@code DELETE} clears it; all behind the admin key ({@code X-Admin-Key}). The endpoint itself stays up during
 * the outage, so the outage can be ended.
 */
@RestController
@RequestMapping("/_services/chaos")
class StoreChaosController {

    private final StoreOutage outage;
    private final byte[] adminKey;

    StoreChaosController(StoreOutage outage, StoreChaosProperties properties) {
        this.outage = outage;
        this.adminKey = properties.adminKey().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"outage": true}}; {@code null} means the field was not sent. */
    record StoreFaultsPatch(Boolean outage) {
    }

    @GetMapping
    ResponseEntity<?> show(@RequestHeader(name = "X-Admin-Key", required = false) String key) {
        if (!authorized(key)) {
            return unauthorized();
        }
        return ResponseEntity.ok(outage.current());
    }

    @PutMapping
    ResponseEntity<?> inject(@RequestHeader(name = "X-Admin-Key", required = false) String key,
            @RequestBody(required = false) StoreFaultsPatch patch) {
        if (!authorized(key)) {
            return unauthorized();
        }
        if (patch == null) {
            return error(HttpStatus.BAD_REQUEST, "BadRequest", "A JSON body such as {\"outage\": true} is required");
        }
        return ResponseEntity.ok(patch.outage() == null ? outage.current() : outage.set(patch.outage()));
    }

    @DeleteMapping
    ResponseEntity<?> clear(@RequestHeader(name = "X-Admin-Key", required = false) String key) {
        if (!authorized(key)) {
            return unauthorized();
        }
        return ResponseEntity.ok(outage.set(false));
    }

    private boolean authorized(String presented) {
        return presented != null && MessageDigest.isEqual(adminKey, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<?> unauthorized() {
        return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "The X-Admin-Key header is missing or wrong");
    }

    private static ResponseEntity<?> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", Map.of("code", code, "message", message)));
    }
}
