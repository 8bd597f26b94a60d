package dev.powerpages.emulator.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Where {@link TrafficManagerOriginFilter} sends a request: the visitor's path and query, as sent, on the origin the
 * traffic manager named; and {@link OriginMetrics}' count of the requests each endpoint took.
 */
class OriginUrlsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    final OriginMetrics metrics = new OriginMetrics(registry);

    final TrafficManagerOriginFilter filter = new TrafficManagerOriginFilter(
            new OriginResolver(null, null, Clock.systemUTC()), metrics, new EdgeRetryProperties(false));

    @Test
    void sendsThePathAndQueryToTheOriginAsTheVisitorSentThem() {
        URI origin = URI.create("http://127.0.0.1:8081");

        assertThat(filter.toOrigin(URI.create("tm://contoso/about/team/?q=a%20b&page=2"), origin))
                .hasToString("http://127.0.0.1:8081/about/team/?q=a%20b&page=2");
        // Nothing re-encoded, decoded or dropped: encoded slashes, empty and valueless parameters, non-ASCII text.
        assertThat(filter.toOrigin(URI.create("tm://contoso/a%2Fb/%C3%A9?x=&&y&z=%2F%3F#"), origin)
                        .toString())
                .isEqualTo("http://127.0.0.1:8081/a%2Fb/%C3%A9?x=&&y&z=%2F%3F");
        assertThat(filter.toOrigin(URI.create("tm://contoso/caf\u00e9/?q=\u2713"), origin))
                .hasToString("http://127.0.0.1:8081/caf\u00e9/?q=\u2713");
    }

    @Test
    void followsEachNewAnswerOfTheTrafficManager() {
        URI request = URI.create("tm://contoso/page/");

        assertThat(filter.toOrigin(request, URI.create("http://127.0.0.1:8081")))
                .hasToString("http://127.0.0.1:8081/page/");
        assertThat(filter.toOrigin(request, URI.create("http://127.0.0.1:8082/")))
                .hasToString("http://127.0.0.1:8082/page/");
        assertThat(filter.toOrigin(request, URI.create("https://westeurope.contoso.example")))
                .hasToString("https://westeurope.contoso.example/page/");
        assertThat(filter.toOrigin(request, URI.create("http://[::1]:8083"))).hasToString("http://[::1]:8083/page/");
        assertThat(filter.toOrigin(URI.create("tm://contoso"), URI.create("http://127.0.0.1:8081")))
                .hasToString("http://127.0.0.1:8081/");
    }

    @Test
    void countsTheRequestsEachEndpointTook() {
        ResolveAnswer north = answer("northeurope", "http://127.0.0.1:8081");
        ResolveAnswer west = answer("westeurope", "http://127.0.0.1:8082");

        metrics.requestSent(north);
        metrics.requestSent(north);
        metrics.requestSent(west);
        metrics.requestSent(north);

        assertThat(registry.get("gateway.origin.requests")
                        .tag("endpoint", "northeurope")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("gateway.origin.requests")
                        .tag("endpoint", "westeurope")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static ResolveAnswer answer(String endpoint, String url) {
        return new ResolveAnswer(
                "contoso", "contoso.trafficmanager.net", endpoint, null, URI.create(url), "Online", 30, false, null);
    }
}
