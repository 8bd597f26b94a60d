package dev.powerpages.emulator.store.error;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The store's error answers outside the Web API (its {@code /_services} endpoints): the stack's envelope
 * ({@link ErrorEnvelope}, Dataverse's {@code {"error":{"code":…,"message":…}}}) with readable codes, as the app
 * nodes answer on theirs. The Web API's own errors carry Dataverse's hex codes ({@code webapi.DataverseException}).
 */
public final class StoreErrors {

    private StoreErrors() {}

    public static ResponseEntity<ErrorEnvelope> answer(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ErrorEnvelope.of(code, message));
    }
}
