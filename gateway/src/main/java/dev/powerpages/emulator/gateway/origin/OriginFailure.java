package dev.powerpages.emulator.gateway.origin;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * The ways an origin can fail a forwarded request, and the status an edge answers for each:
 * 502 when the origin could not give a response, 504 when it did not give one in time (as Azure
 * Front Door does), never a 500, which would blame the edge itself.
 */
public enum OriginFailure {
    CONNECTION_REFUSED(HttpStatus.BAD_GATEWAY, "OriginConnectionRefused", "refused the connection"),

    CONNECT_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "OriginConnectTimeout", "did not accept a connection in time"),

    RESPONSE_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "OriginTimeout", "did not respond in time"),

    CONNECTION_CLOSED(HttpStatus.BAD_GATEWAY, "OriginConnectionClosed", "closed the connection without a response"),

    UNKNOWN_HOST(HttpStatus.BAD_GATEWAY, "OriginNameNotResolved", "has a host name that does not resolve"),

    /**
     * The origin answered, but not in valid HTTP (a header name with a character HTTP does not allow, a header
     * beyond the client's limits): no response the edge can pass on, so a 502, as a proxy answers an invalid
     * response (RFC 9110, 15.6.3).
     */
    INVALID_RESPONSE(HttpStatus.BAD_GATEWAY, "OriginInvalidResponse", "sent a response that is not valid HTTP");

    private final HttpStatus status;

    private final String code;

    private final String description;

    OriginFailure(HttpStatus status, String code, String description) {
        this.status = status;
        this.code = code;
        this.description = description;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** Recognises an origin failure anywhere in the cause chain of an error from the routing filters. */
    public static Optional<OriginFailure> classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Optional<OriginFailure> failure = classifyOne(cause);
            if (failure.isPresent()) {
                return failure;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<OriginFailure> classifyOne(Throwable error) {
        // ConnectTimeoutException is a ConnectException: test it first.
        if (error instanceof ConnectTimeoutException) {
            return Optional.of(CONNECT_TIMEOUT);
        }
        if (error instanceof ConnectException) {
            return Optional.of(CONNECTION_REFUSED);
        }
        if (error instanceof UnknownHostException) {
            return Optional.of(UNKNOWN_HOST);
        }
        if (error instanceof DecoderException || thrownByTheClientsResponseDecoder(error)) {
            return Optional.of(INVALID_RESPONSE);
        }
        if (error instanceof TimeoutException
                || error instanceof ReadTimeoutException
                || (error instanceof ResponseStatusException status
                        && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())) {
            return Optional.of(RESPONSE_TIMEOUT);
        }
        // AbortedException is not an IOException: Reactor Netty raises it when a pooled connection to
        // the origin closes just as the request is sent on it, which is what a killed origin does to
        // the connections the gateway kept open to it.
        if (error instanceof PrematureCloseException
                || error instanceof AbortedException
                || error instanceof IOException) {
            return Optional.of(CONNECTION_CLOSED);
        }
        return Optional.empty();
    }

    /**
     * Netty's HTTP decoder reports what it cannot read in a response (an invalid header name) with the plain
     * IllegalArgumentException its header validation throws, not wrapped in a DecoderException: its own frames
     * are what tells such a failure from the edge's own. Only the client side's decoder (the origin's answer)
     * counts: a visitor's malformed request never reaches the routing filters (Reactor Netty answers it 400).
     */
    private static boolean thrownByTheClientsResponseDecoder(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            if (frame.getClassName().startsWith("io.netty.handler.codec.http.HttpClientCodec")) {
                return true;
            }
        }
        return false;
    }
}
