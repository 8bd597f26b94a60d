package dev.powerpages.emulator.dashboard;

import org.springframework.http.HttpStatus;

/** A request the dashboard API refuses, answered as {@code {"error":{"code","message"}}} with its status. */
class DashboardException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    DashboardException(HttpStatus status, String code, String message) {
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
