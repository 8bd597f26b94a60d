package dev.powerpages.emulator.appnode.webapi;

import org.springframework.http.HttpStatus;

/** A refusal in the portals Web API's error shape: status, its hexadecimal code and message. */
class WebApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    WebApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
