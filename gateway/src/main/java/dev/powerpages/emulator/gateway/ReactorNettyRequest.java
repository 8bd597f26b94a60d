package dev.powerpages.emulator.gateway;

import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reactor Netty's own request under a Spring server request, for the edge's code that reads it directly on the event
 * loop: its headers ({@link NativeRequestHeaders}) and its connection's loop ({@code edge.VisitorsLoops}).
 */
public final class ReactorNettyRequest {

    /**
     * Spring's server request over Reactor Netty (package-private in Spring, so named). Checked before its native
     * request is asked for: another kind of request may not have one to give (Spring's {@code MockServerHttpRequest}
     * throws), and a decorator may answer {@code getHeaders()} with other headers than its native request's.
     */
    private static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

    private ReactorNettyRequest() {}

    /**
     * Reactor Netty's request (its {@code HttpServerOperations}: both the {@code HttpServerRequest} and the request's
     * {@code Connection}), or null for a request that is not Reactor Netty's own, undecorated (a test's mock).
     */
    public static Object of(ServerHttpRequest request) {
        if (request instanceof AbstractServerHttpRequest plain
                && plain.getClass().getName().equals(REACTOR_REQUEST)) {
            return plain.getNativeRequest();
        }
        return null;
    }
}
