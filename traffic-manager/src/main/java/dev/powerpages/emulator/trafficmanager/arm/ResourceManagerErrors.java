package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import dev.powerpages.emulator.trafficmanager.api.ArmException;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the resource-manager endpoint's refusals in ARM's error envelope, never Spring's. */
@RestControllerAdvice(basePackageClasses = ResourceManagerErrors.class)
class ResourceManagerErrors {

    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> refused(ArmException ex) {
        return ResponseEntity.status(ex.status()).body(ErrorEnvelope.of(ex.code(), ex.getMessage()));
    }

    /** A profile that breaks one of Azure's documented ranges. */
    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> invalid(ProfileRegistry.InvalidProfileException ex) {
        return ResponseEntity.badRequest().body(ErrorEnvelope.of("BadRequest", ex.getMessage() + "."));
    }

    /** ARM's answer to a body that is not JSON or does not fit the resource. */
    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> unreadable(HttpMessageNotReadableException ex) {
        return ResponseEntity.badRequest()
                .body(ErrorEnvelope.of(
                        "InvalidRequestContent", "The request content was invalid and could not be deserialized."));
    }

    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> method(HttpRequestMethodNotSupportedException ex) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(ErrorEnvelope.of(
                        "HttpMethodNotAllowed",
                        "The HTTP method '" + ex.getMethod() + "' is not supported for this resource."));
    }

    @ExceptionHandler
    ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeNotSupportedException ex) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ErrorEnvelope.of(
                        "UnsupportedMediaType",
                        "The content media type '" + ex.getContentType()
                                + "' is not supported. Only 'application/json' is " + "supported."));
    }
}
