package dev.powerpages.emulator.gateway;

import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;

/**
 * The order of the edge's filters in one place, so that each stage of Front Door's pipeline
 * (reference id, WAF, CDN, origin selection) slots in without reshaping routing.
 */
public final class EdgeFilterOrder {

    /** WebFilter: every response, the gateway's own and errors included, gets its X-Azure-Ref. */
    public static final int REFERENCE = Ordered.HIGHEST_PRECEDENCE;

    // The admin key (/_edge/admin/**) is checked by Spring Security's WebFilterChainProxy (order -100, the
    // service-support starter's chain): after the reference, before any handler.

    /** WafFilter: the WAF inspects a request before anything else in the route. */
    public static final int WAF = Ordered.HIGHEST_PRECEDENCE + 100;

    /** CdnFilter: the CDN answers cache hits after the WAF, before any origin lookup. */
    public static final int CDN = WAF + 100;

    /**
     * GlobalFilter: tm:// URLs are resolved where lb:// ones are, after
     * {@link RouteToRequestUrlFilter} has built the request URL.
     */
    public static final int ORIGIN_RESOLUTION = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER;

    private EdgeFilterOrder() {}
}
