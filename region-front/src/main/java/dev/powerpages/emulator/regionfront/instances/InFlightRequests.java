package dev.powerpages.emulator.regionfront.instances;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts the requests each instance is serving now, from the moment the load balancer chose it until its answer has
 * been passed on: an instance taken out of rotation is stopped only once its count is back to 0 (drained).
 */
@Component
public class InFlightRequests implements GlobalFilter, Ordered {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Response<ServiceInstance> chosen =
                exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen == null || !chosen.hasServer()) {
            return chain.filter(exchange);
        }
        AtomicInteger count = inFlight.computeIfAbsent(chosen.getServer().getInstanceId(), id -> new AtomicInteger());
        count.incrementAndGet();
        return chain.filter(exchange).doFinally(signal -> count.decrementAndGet());
    }

    /** Right after the load balancer has chosen the instance (and before the request is sent). */
    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

    public int of(String instanceId) {
        AtomicInteger count = inFlight.get(instanceId);
        return count == null ? 0 : count.get();
    }
}
