package dev.powerpages.emulator.regionfront.instances;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Spring Cloud LoadBalancer over the region's instance pool: round robin over the instances whose
 * {@code /_services/health} answered 200 at the last check ({@code spring.cloud.loadbalancer.health-check.*}).
 * This is the active half of the front's health checking; the route's Retry filter is the passive half.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(
        value = RegionInstances.SERVICE_ID,
        configuration = RegionLoadBalancing.InstanceListConfiguration.class)
class RegionLoadBalancing {

    /** The load balancer's child context configuration (not component-scanned, as Spring Cloud asks). */
    static class InstanceListConfiguration {

        @Bean
        ServiceInstanceListSupplier regionInstanceListSupplier(
                ConfigurableApplicationContext context, RegionInstances instances) {
            return ServiceInstanceListSupplier.builder()
                    .withBase(new PoolInstanceList(instances))
                    .withHealthChecks(WebClient.create())
                    .build(context);
        }
    }

    /**
     * The region's pool, a new list at every change (an instance the autoscaler added or took out); the health-check
     * supplier above it switches to each new list at once. Spring Cloud has no mutable-list supplier outside
     * discovery clients.
     */
    record PoolInstanceList(RegionInstances instances) implements ServiceInstanceListSupplier {

        @Override
        public String getServiceId() {
            return RegionInstances.SERVICE_ID;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return instances.changes();
        }
    }
}
