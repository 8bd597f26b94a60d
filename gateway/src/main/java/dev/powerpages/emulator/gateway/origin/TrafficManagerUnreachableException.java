package dev.powerpages.emulator.gateway.origin;

/**
 * The traffic manager gave no usable answer: no connection, a timeout, a server error or a body
 * that is not a resolve answer. Like a DNS timeout or SERVFAIL, it says nothing about the origin,
 * so the last good answer stays in use.
 */
public class TrafficManagerUnreachableException extends RuntimeException {

    public TrafficManagerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
