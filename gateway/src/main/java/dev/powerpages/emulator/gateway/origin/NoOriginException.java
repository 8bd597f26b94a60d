package dev.powerpages.emulator.gateway.origin;

/**
 * No origin can be named for the request: the traffic manager cannot be reached and there is no
 * earlier answer, or it says the profile has no endpoint. The edge answers 503.
 */
public class NoOriginException extends RuntimeException {

    private final String code;

    public NoOriginException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Error code for the edge's error body. */
    public String code() {
        return code;
    }
}
