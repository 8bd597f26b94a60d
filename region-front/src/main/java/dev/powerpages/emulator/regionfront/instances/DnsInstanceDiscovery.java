package dev.powerpages.emulator.regionfront.instances;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The region's instances under docker compose ({@code front.discovery.mode=dns}): Docker's embedded DNS answers a
 * service's name with the address of every running replica, so {@code docker-compose up --scale
 * app-node-northeurope=3} changes what {@code app-node-northeurope} resolves to. Every {@code front.discovery.interval}
 * the front resolves the name again and brings the pool in line: an address that is new joins once its
 * {@code /_services/health} answers 200 (as an instance the autoscaler started does), under the node name it gives
 * itself (the {@code X-PP-Node} it stamps), and an address the name no longer has leaves at once. Between two
 * resolutions a killed replica is taken out by the load balancer's health checks and the route's retry, as with
 * ./stack. Spring Cloud's own discovery clients (Consul, Eureka, Kubernetes) each need a registry compose does not
 * run, hence this small resolver. The JVM caches lookups (30 s by default): compose starts the front with
 * {@code -Dsun.net.inetaddr.ttl=1}.
 */
@Component
@ConditionalOnProperty(name = "front.discovery.mode", havingValue = "dns")
public class DnsInstanceDiscovery {

    private static final Logger log = LoggerFactory.getLogger(DnsInstanceDiscovery.class);

    private final RegionInstances pool;
    private final FrontProperties properties;
    private final InstanceLookup lookup;
    private final JsonMapper json;
    private final WebClient client = WebClient.create();
    /** The addresses in the pool now, and the instance id each joined under. */
    private final Map<String, String> joined = new LinkedHashMap<>();

    private boolean unresolvedReported;

    @Autowired
    DnsInstanceDiscovery(
            RegionInstances pool, FrontProperties properties, ObjectProvider<InstanceLookup> lookup, JsonMapper json) {
        this(pool, properties, lookup.getIfAvailable(() -> InetAddress::getAllByName), json);
    }

    DnsInstanceDiscovery(RegionInstances pool, FrontProperties properties, InstanceLookup lookup, JsonMapper json) {
        this.pool = pool;
        this.properties = properties;
        this.lookup = lookup;
        this.json = json;
    }

    /** Resolves the name and brings the pool in line with its addresses (the scheduled round; tests call it). */
    @Scheduled(fixedDelayString = "${front.discovery.interval:2s}", initialDelay = 0)
    public synchronized void refresh() {
        List<String> addresses = resolve();
        joined.entrySet().removeIf(entry -> {
            if (addresses.contains(entry.getKey())) {
                return false;
            }
            pool.remove(entry.getValue());
            log.info(
                    "Instance {} ({}) left {}: {} no longer resolves to it",
                    entry.getValue(),
                    entry.getKey(),
                    pool.region(),
                    properties.discovery().name());
            return true;
        });
        for (String address : addresses) {
            if (joined.containsKey(address)) {
                continue;
            }
            URI url = URI.create(
                    "http://" + hostPart(address) + ":" + properties.discovery().port());
            String node = healthyNodeName(url);
            if (node != null) {
                String id = uniqueId(node, address);
                pool.join(id, url);
                joined.put(address, id);
                log.info("Instance {} ({}) joined {}", id, url, pool.region());
            }
        }
    }

    private List<String> resolve() {
        String name = properties.discovery().name();
        try {
            List<String> addresses = Arrays.stream(lookup.addressesOf(name))
                    .map(InetAddress::getHostAddress)
                    .distinct()
                    .sorted()
                    .toList();
            unresolvedReported = false;
            return addresses;
        } catch (UnknownHostException e) {
            // No replica runs (scaled to 0, all stopped): Docker's DNS does not know the name then.
            if (!unresolvedReported) {
                log.warn("{} resolves to no address: {} has no instance", name, pool.region());
                unresolvedReported = true;
            }
            return List.of();
        }
    }

    /** The instance's own node name when its health answers 200, else null (not ready yet: asked again next round). */
    private String healthyNodeName(URI url) {
        try {
            byte[] body = client.get()
                    .uri(url + "/_services/health")
                    .exchangeToMono(response -> response.statusCode().value() == 200
                            ? response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                            : response.releaseBody().then(Mono.empty()))
                    .timeout(properties.instanceTimeout())
                    .block();
            if (body == null) {
                return null;
            }
            JsonNode node = body.length == 0 ? null : json.readTree(body).get("node");
            return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue() : "";
        } catch (RuntimeException notReady) {
            return null;
        }
    }

    private String uniqueId(String node, String address) {
        String id = node.isEmpty() ? pool.region() + "-" + address : node;
        return pool.find(id).isPresent() ? id + "@" + address : id;
    }

    private static String hostPart(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
