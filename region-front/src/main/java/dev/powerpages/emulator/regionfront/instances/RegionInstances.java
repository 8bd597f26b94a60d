package dev.powerpages.emulator.regionfront.instances;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The region's app-node instances in rotation, as the load balancer sees them: {@code northeurope-1},
 * {@code northeurope-2}, … The pool starts with the instances ./stack (or compose) named and changes while the front
 * runs: the autoscaler adds an instance it started once that instance is healthy and takes one out before draining and
 * stopping it. Every change is published to the load balancer's instance list supplier at once. Under docker compose
 * the pool starts empty and {@link DnsInstanceDiscovery} keeps it equal to the healthy replicas the service's name
 * resolves to.
 */
@Component
public class RegionInstances {

    /** The service id the front's route names ({@code lb://region-instances}). */
    public static final String SERVICE_ID = "region-instances";

    /**
     * Metadata key saying who started an instance: {@code stack} (given at start), {@code front} (the autoscaler) or
     * {@code dns} (found by DNS discovery, started by compose).
     */
    public static final String STARTED_BY = "startedBy";

    private final String region;
    private final int given;
    private final Sinks.Many<List<ServiceInstance>> changes =
            Sinks.many().replay().latest();
    private volatile List<ServiceInstance> instances;

    RegionInstances(FrontProperties properties) {
        if (properties.instances().isEmpty() && !properties.discovery().dns()) {
            throw new IllegalStateException("front.instances names no app-node instance"
                    + " (FRONT_INSTANCES=http://host:port,…, or FRONT_DISCOVERY_MODE=dns with a name)");
        }
        this.region = properties.region();
        List<ServiceInstance> list = new ArrayList<>();
        for (URI uri : properties.instances()) {
            list.add(instance(list.size() + 1, uri, "stack"));
        }
        this.given = list.size();
        publish(list);
    }

    public String region() {
        return region;
    }

    /** The instances in rotation now, in the order they joined. */
    public List<ServiceInstance> all() {
        return instances;
    }

    /** How many instances the front was given at start (the autoscaler never removes those). */
    public int given() {
        return given;
    }

    /** Every change of the pool, the current one first: what the load balancer's supplier hands on. */
    public Flux<List<ServiceInstance>> changes() {
        return changes.asFlux();
    }

    /** Puts an instance the front started into rotation. */
    public synchronized ServiceInstance add(int number, URI url) {
        ServiceInstance added = instance(number, url, "front");
        List<ServiceInstance> list = new ArrayList<>(instances);
        list.add(added);
        publish(list);
        return added;
    }

    /** Puts an instance DNS discovery found (and saw healthy) into rotation, under the name it gives itself. */
    public synchronized ServiceInstance join(String instanceId, URI url) {
        ServiceInstance joined = new DefaultServiceInstance(
                instanceId,
                SERVICE_ID,
                url.getHost(),
                url.getPort(),
                "https".equals(url.getScheme()),
                Map.of(STARTED_BY, "dns"));
        List<ServiceInstance> list = new ArrayList<>(instances);
        list.add(joined);
        publish(list);
        return joined;
    }

    /** Takes an instance out of rotation; requests already sent to it go on (the caller drains it). */
    public synchronized Optional<ServiceInstance> remove(String instanceId) {
        Optional<ServiceInstance> found = find(instanceId);
        found.ifPresent(instance -> {
            List<ServiceInstance> list = new ArrayList<>(instances);
            list.remove(instance);
            publish(list);
        });
        return found;
    }

    public Optional<ServiceInstance> find(String instanceId) {
        return instances.stream()
                .filter(i -> i.getInstanceId().equals(instanceId))
                .findFirst();
    }

    public static boolean startedByFront(ServiceInstance instance) {
        return "front".equals(instance.getMetadata().get(STARTED_BY));
    }

    private ServiceInstance instance(int number, URI uri, String startedBy) {
        return new DefaultServiceInstance(
                region + "-" + number,
                SERVICE_ID,
                uri.getHost(),
                uri.getPort(),
                "https".equals(uri.getScheme()),
                Map.of(STARTED_BY, startedBy));
    }

    private void publish(List<ServiceInstance> list) {
        instances = List.copyOf(list);
        changes.tryEmitNext(instances);
    }
}
