package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.odata.ODataQueryException;
import dev.powerpages.emulator.support.error.ErrorEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every Web API failure answers in Dataverse's error shape; bad input is a 4xx, never a stack trace. */
@RestControllerAdvice(assignableTypes = {WebApiController.class, BatchController.class, NavigationController.class})
class WebApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(WebApiExceptionHandler.class);

    @ExceptionHandler(DataverseException.class)
    ResponseEntity<ErrorEnvelope> dataverse(DataverseException e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(ODataQueryException.class)
    ResponseEntity<ErrorEnvelope> query(ODataQueryException e) {
        return error(HttpStatus.BAD_REQUEST, "0x80060888", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorEnvelope> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "0x80048d19", "The request body could not be read.");
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ErrorEnvelope> duplicate(DuplicateKeyException e) {
        DataverseException duplicate = DataverseException.duplicate();
        return error(duplicate.status(), duplicate.code(), duplicate.getMessage());
    }

    /** 0x80040216: Dataverse's "An unexpected error occurred." */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorEnvelope> unexpected(Exception e) {
        log.error("Unexpected Web API failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "0x80040216", "An unexpected error occurred.");
    }

    static ResponseEntity<ErrorEnvelope> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(ODataJson.MEDIA_TYPE).body(ErrorEnvelope.of(code, message));
    }
}
