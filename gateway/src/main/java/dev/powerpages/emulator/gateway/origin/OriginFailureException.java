package dev.powerpages.emulator.gateway.origin;

/**
 * A forwarded request failed at the origin the traffic manager named. Carries which origin, so
 * that the error body and the metrics can name it.
 */
public class OriginFailureException extends RuntimeException {

    private final OriginFailure failure;

    private final ResolveAnswer origin;

    public OriginFailureException(OriginFailure failure, ResolveAnswer origin, Throwable cause) {
        super("Origin " + origin.endpoint() + " (" + origin.url() + ") " + failure.description() + ".", cause);
        this.failure = failure;
        this.origin = origin;
    }

    public OriginFailure failure() {
        return failure;
    }

    public ResolveAnswer origin() {
        return origin;
    }
}
