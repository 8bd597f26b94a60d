package dev.powerpages.emulator.gateway;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What the WAF stage would do with a request, for a stage that answers requests ahead of the route's filters (the
 * CDN's fast hits): at Front Door the WAF runs before the cache, so such a shortcut is only taken for a request the
 * WAF stage would pass on untouched.
 */
public interface WafStage {

    /**
     * True when the WAF stage would pass the request on as it is: no policy inspects requests, the request has no body,
     * and its URL and headers are within the edge's limits (beyond them the stage answers 414/431 itself).
     */
    boolean passesUninspected(ServerHttpRequest request);
}
