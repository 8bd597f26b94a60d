package dev.powerpages.emulator.regionfront.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * DNS discovery as under docker compose: the service's name resolves (a stub resolver standing in for Docker's DNS) to
 * the addresses of two fake app nodes on the same port (127.0.0.1 and 127.0.0.2, as two replicas listen on the same
 * port at their own addresses).
 */
class DnsInstanceDiscoveryTest {

    static final String NAME = "app-node-northeurope";

    final FakeReplica first = new FakeReplica("northeurope-3f2a9c1b7d4e");
    final FakeReplica second = new FakeReplica("northeurope-8c1d0e5f6a7b");
    volatile List<String> resolvesTo = List.of();
    RegionInstances pool;
    DnsInstanceDiscovery discovery;

    @BeforeEach
    void start() throws IOException {
        first.server.start(InetAddress.getByName("127.0.0.1"), 0);
        second.server.start(InetAddress.getByName("127.0.0.2"), first.server.getPort());
        FrontProperties properties = new FrontProperties(
                "northeurope",
                List.of(),
                Duration.ofSeconds(2),
                "key",
                new FrontProperties.Discovery(
                        FrontProperties.Mode.DNS, NAME, first.server.getPort(), Duration.ofSeconds(2)));
        pool = new RegionInstances(properties);
        InstanceLookup stubDns = name -> {
            if (!name.equals(NAME) || resolvesTo.isEmpty()) {
                throw new UnknownHostException(name);
            }
            InetAddress[] addresses = new InetAddress[resolvesTo.size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = InetAddress.getByName(resolvesTo.get(i));
            }
            return addresses;
        };
        discovery = new DnsInstanceDiscovery(
                pool, properties, stubDns, JsonMapper.builder().build());
    }

    @AfterEach
    void stop() {
        first.server.close();
        second.server.close();
    }

    @Test
    void everyAddressTheNameResolvesToJoinsUnderTheNodeNameTheInstanceGivesItself() {
        resolvesTo = List.of("127.0.0.2", "127.0.0.1");

        discovery.refresh();

        int port = first.server.getPort();
        assertThat(pool.all())
                .extracting(ServiceInstance::getInstanceId, i -> i.getUri().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("northeurope-3f2a9c1b7d4e", "http://127.0.0.1:" + port),
                        org.assertj.core.groups.Tuple.tuple("northeurope-8c1d0e5f6a7b", "http://127.0.0.2:" + port));
        assertThat(pool.all()).allMatch(i -> "dns".equals(i.getMetadata().get(RegionInstances.STARTED_BY)));
    }

    @Test
    void aReplicaJoinsOnlyOnceItsHealthAnswers200() {
        second.healthStatus = 503;
        resolvesTo = List.of("127.0.0.1", "127.0.0.2");

        discovery.refresh();
        assertThat(pool.all()).extracting(ServiceInstance::getInstanceId).containsExactly("northeurope-3f2a9c1b7d4e");

        second.healthStatus = 200;
        discovery.refresh();
        assertThat(pool.all())
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("northeurope-3f2a9c1b7d4e", "northeurope-8c1d0e5f6a7b");
    }

    @Test
    void aReplicaTheNameNoLongerResolvesToLeavesAndTheNameGoneEmptiesThePool() {
        resolvesTo = List.of("127.0.0.1", "127.0.0.2");
        discovery.refresh();

        resolvesTo = List.of("127.0.0.1");
        discovery.refresh();
        assertThat(pool.all()).extracting(ServiceInstance::getInstanceId).containsExactly("northeurope-3f2a9c1b7d4e");

        resolvesTo = List.of();
        discovery.refresh();
        assertThat(pool.all()).isEmpty();

        resolvesTo = List.of("127.0.0.2");
        discovery.refresh();
        assertThat(pool.all()).extracting(ServiceInstance::getInstanceId).containsExactly("northeurope-8c1d0e5f6a7b");
    }

    @Test
    void aReplicaThatCannotBeReachedDoesNotJoin() {
        second.server.close();
        resolvesTo = List.of("127.0.0.1", "127.0.0.2");

        discovery.refresh();

        assertThat(pool.all()).extracting(ServiceInstance::getInstanceId).containsExactly("northeurope-3f2a9c1b7d4e");
    }

    /** An app node's probe endpoint: 200 (or the status set) with its node name, as app-node's HealthController. */
    static final class FakeReplica {

        final MockWebServer server = new MockWebServer();
        volatile int healthStatus = 200;

        FakeReplica(String node) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder()
                            .code(healthStatus)
                            .setHeader("Content-Type", "application/json")
                            .body("{\"status\":\"" + (healthStatus == 200 ? "Healthy" : "Unhealthy")
                                    + "\",\"region\":\"northeurope\",\"node\":\"" + node + "\"}")
                            .build();
                }
            });
        }
    }
}
