package dev.powerpages.emulator.appnode.limits;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body Spring cannot read (not JSON, not the expected fields) or of a type the endpoint does not take: 400 or
 * 415 in the node's error shape ({@link NodeErrors}) instead of Spring Boot's generic error document. Ordered
 * last, so a controller's own handler wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class MalformedRequestAdvice {

    @ExceptionHandler
    ResponseEntity<String> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
        return answer(
                request, HttpStatus.BAD_REQUEST, "BadRequest", "The request body is not valid JSON for this endpoint.");
    }

    @ExceptionHandler
    ResponseEntity<String> unsupported(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
        return answer(
                request,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "UnsupportedMediaType",
                "The request body must be sent as application/json.");
    }

    private static ResponseEntity<String> answer(
            HttpServletRequest request, HttpStatus status, String code, String message) {
        String path = request.getRequestURI();
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(NodeErrors.json(NodeErrors.code(path, status.value(), code), message));
    }
}
