package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingSnapshotTest {

    private final MockWebServer trafficManager = new MockWebServer();
    private final MockWebServer gateway = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        trafficManager.start(InetAddress.getLoopbackAddress(), 0);
        gateway.start(InetAddress.getLoopbackAddress(), 0);
        // The traffic manager has failed northeurope over; the gateway still holds its earlier answer, kept stale.
        trafficManager.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getTarget()) {
                    case "/api/profiles/contoso" -> json("""
                            {"properties":{"endpoints":[
                              {"name":"northeurope","properties":{"endpointMonitorStatus":"Degraded"}},
                              {"name":"westeurope","properties":{"endpointMonitorStatus":"Online"}}]}}""");
                    case "/api/profiles/contoso/resolve" -> json("""
                            {"endpoint":"westeurope","url":"http://westeurope:8082","endpointMonitorStatus":"Online",
                             "ttl":5,"allEndpointsDegraded":false}""");
                    case "/api/profiles/contoso/events" -> json("""
                            {"value":[
                              {"kind":"Scale","time":"t3","endpoint":"westeurope","reason":"not a status change"},
                              {"kind":"StatusChange","time":"t2","endpoint":"northeurope","oldStatus":"Online",
                               "newStatus":"Degraded","reason":"2 consecutive probe failures; last: no answer"},
                              {"kind":"StatusChange","time":"t1","endpoint":"northeurope",
                               "oldStatus":"CheckingEndpoint","newStatus":"Online","reason":"HTTP 200"}]}""");
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!request.getTarget().equals("/_edge/admin/origin")
                        || !AdminKey.VALUE.equals(request.getHeaders().get(AdminKey.HEADER))) {
                    return new MockResponse.Builder().code(401).build();
                }
                return json("""
                        {"profile":"contoso","answer":{"endpoint":"northeurope","url":"http://northeurope:8081"},
                         "ageSeconds":12,"ttlSeconds":5,"remainingTtlSeconds":0,"stale":true,
                         "lastError":"no answer within PT2S"}""");
            }
        });
    }

    @AfterEach
    void stop() {
        trafficManager.close();
        gateway.close();
    }

    @Test
    void namesTheTrafficManagersVerdictsItsAnswerTheStatusChangesAndTheAnswerTheGatewayHolds() {
        String snapshot = RoutingSnapshot.of(
                new TrafficManager(new Service("traffic-manager", trafficManager), () -> ""),
                new Service("gateway", gateway));

        assertThat(snapshot)
                .contains("traffic manager's endpoints: northeurope Degraded, westeurope Online")
                .contains("resolves contoso to: westeurope (Online, http://westeurope:8082, TTL 5 s)")
                .contains("t2 northeurope Online -> Degraded: 2 consecutive probe failures; last: no answer")
                .contains("t1 northeurope CheckingEndpoint -> Online: HTTP 200")
                .doesNotContain("not a status change")
                .contains("gateway holds: northeurope (http://northeurope:8081, fetched 12 s ago, 0 s of its 5 s TTL "
                        + "left, kept stale: the traffic manager did not answer (no answer within PT2S))");
    }

    @Test
    void showsWhatCanBeReadWhenAServiceDoesNotAnswer() {
        gateway.close();

        String snapshot = RoutingSnapshot.of(
                new TrafficManager(new Service("traffic-manager", trafficManager), () -> ""),
                new Service("gateway", gateway));

        assertThat(snapshot)
                .contains("traffic manager's endpoints: northeurope Degraded, westeurope Online")
                .contains("gateway holds: (unavailable: ");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** A service on a MockWebServer. */
    private record Service(String name, MockWebServer server) implements RunningService {

        @Override
        public URI url(String path) {
            return server.url(path).uri();
        }

        @Override
        public String healthPath() {
            return "/";
        }

        @Override
        public Duration startupTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public String startFailure() {
            return null;
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public String logTail() {
            return "";
        }

        @Override
        public void kill() {}

        @Override
        public void restart() {}
    }
}
