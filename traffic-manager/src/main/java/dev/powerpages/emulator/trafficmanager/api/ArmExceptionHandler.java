package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers refused requests in ARM's error shape rather than Spring's. */
@RestControllerAdvice(basePackageClasses = ArmExceptionHandler.class)
class ArmExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> refused(ArmException ex) {
        return ResponseEntity.status(ex.status()).body(ErrorEnvelope.of(ex.code(), ex.getMessage()));
    }

    /** A profile that breaks one of Azure's documented ranges. */
    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> invalid(ProfileRegistry.InvalidProfileException ex) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(ErrorEnvelope.of("BadRequest", ex.getMessage() + "."));
    }

    /** ARM's answer to a body that is not JSON or does not fit the resource. */
    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> unreadable(HttpMessageNotReadableException ex) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(ErrorEnvelope.of(
                        "InvalidRequestContent", "The request content was invalid and could not be deserialized."));
    }
}
