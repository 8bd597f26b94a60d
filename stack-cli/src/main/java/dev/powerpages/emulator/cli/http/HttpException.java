package dev.powerpages.emulator.cli.http;

/** A service of the stack could not be reached, or answered something other than what the command needs. */
public class HttpException extends RuntimeException {

    public HttpException(String message) {
        super(message);
    }

    public HttpException(String message, Throwable cause) {
        super(message, cause);
    }
}
