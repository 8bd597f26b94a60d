package dev.powerpages.emulator.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A request's headers as Reactor Netty holds them, for code on the event loop that reads every header of every request
 * (the WAF stage's header limit, the proxied fast path's header filters): Spring's read-only view of them builds a new
 * set of new entries, each value list wrapped, on every {@code headerSet()} call (issue 16, docs/benchmarks.md "The
 * proxied page, fifth round"). {@link #names} and Netty's {@code getAll(name)} give what that view's entries give.
 */
public final class NativeRequestHeaders {

    private NativeRequestHeaders() {}

    /** Netty's headers behind the request, or null for a request that is not Reactor Netty's own (undecorated). */
    public static io.netty.handler.codec.http.HttpHeaders of(ServerHttpRequest request) {
        return ReactorNettyRequest.of(request) instanceof HttpServerRequest reactor ? reactor.requestHeaders() : null;
    }

    /**
     * The header names as Spring's {@code HttpHeaders.headerSet()} of the request gives them: each name once,
     * compared without case, as first spelled (Netty keeps each spelling as a name of its own); with Netty's {@code
     * getAll(name)}, which reads every spelling, each entry's values.
     */
    public static List<String> names(io.netty.handler.codec.http.HttpHeaders netty) {
        Set<String> spelled = netty.names();
        List<String> names = new ArrayList<>(spelled.size());
        for (String name : spelled) {
            boolean seen = false;
            for (int i = 0; i < names.size() && !seen; i++) {
                seen = names.get(i).equalsIgnoreCase(name);
            }
            if (!seen) {
                names.add(name);
            }
        }
        return names;
    }
}
