package dev.powerpages.emulator.store.chaos;

import dev.powerpages.emulator.store.error.StoreErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The store's fault injection, with the app nodes' chaos contract: {@code PUT /_services/chaos} with
 * {@code {"outage": true}} takes the store down (absent fields keep their value), {@code GET} shows it,
 * {@code DELETE} clears it; all behind the admin key ({@code X-Admin-Key}, the starter's chain over {@code stack.admin.paths}). The endpoint itself stays up during
 * the outage, so the outage can be ended.
 */
@RestController
@RequestMapping("/_services/chaos")
class StoreChaosController {

    private final StoreOutage outage;

    StoreChaosController(StoreOutage outage) {
        this.outage = outage;
    }

    /** {@code {"outage": true}}; {@code null} means the field was not sent. */
    record StoreFaultsPatch(Boolean outage) {}

    @GetMapping
    ResponseEntity<?> show() {
        return ResponseEntity.ok(outage.current());
    }

    @PutMapping
    ResponseEntity<?> inject(@RequestBody(required = false) StoreFaultsPatch patch) {
        if (patch == null) {
            return StoreErrors.answer(
                    HttpStatus.BAD_REQUEST, "BadRequest", "A JSON body such as {\"outage\": true} is required");
        }
        return ResponseEntity.ok(patch.outage() == null ? outage.current() : outage.set(patch.outage()));
    }

    @DeleteMapping
    ResponseEntity<?> clear() {
        return ResponseEntity.ok(outage.set(false));
    }
}
