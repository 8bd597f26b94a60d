package dev.powerpages.emulator.gateway;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What the WAF stage would do with a request, for a stage that answers requests ahead of the route's filters (the
 * CDN's fast hits, the proxied fast path): at Front Door the WAF runs before the cache, so such a shortcut is only
 * taken for a request the WAF stage would pass on untouched, or (the proxied fast path) after the stage's own
 * inspection of it.
 */
public interface WafStage {

    /** For a gateway without a WAF stage (a web slice): nothing can say the WAF would pass a request, none is taken. */
    WafStage ABSENT = new WafStage() {
        @Override
        public Ahead ahead(ServerHttpRequest request) {
            return Ahead.PIPELINE;
        }

        @Override
        public Mono<Boolean> inspect(ServerWebExchange exchange) {
            return Mono.error(new IllegalStateException("no WAF stage"));
        }
    };

    /** What the stage would do with a request before its inspection, if anything. */
    enum Ahead {
        /** No policy inspects requests, and the request has no body and is within the edge's limits. */
        UNTOUCHED,
        /**
         * A policy inspects requests, and the request has no body and is within the edge's limits: the stage would
         * only inspect it ({@link #inspect}), with nothing to read, measure or answer first.
         */
        INSPECTED,
        /** Anything else (a body, a URL or headers beyond the limits): only the stage in the route handles it. */
        PIPELINE
    }

    /** What the stage would do with the request: cheap enough for the event loop (no inspection). */
    Ahead ahead(ServerHttpRequest request);

    /**
     * True when the WAF stage would pass the request on as it is: no policy inspects requests, the request has no body,
     * and its URL and headers are within the edge's limits (beyond them the stage answers 414/431 itself).
     */
    default boolean passesUninspected(ServerHttpRequest request) {
        return ahead(request) == Ahead.UNTOUCHED;
    }

    /**
     * Inspects a request that {@link #ahead} found {@link Ahead#INSPECTED}, exactly as the stage in the route does
     * (off the event loop, the same log entries, the same block, redirect and busy answers written to the exchange's
     * response). Emits true, on the inspection's thread, when the request goes on to the origin as it is, and false
     * once the stage has answered it.
     */
    Mono<Boolean> inspect(ServerWebExchange exchange);
}
