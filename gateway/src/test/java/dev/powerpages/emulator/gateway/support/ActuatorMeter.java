package dev.powerpages.emulator.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One meter as the gateway's {@code /actuator/metrics/{name}} gives it (Actuator's JSON), read by a test. */
public final class ActuatorMeter {

    private ActuatorMeter() {}

    /** The meter's JSON, e.g. for {@code /actuator/metrics/gateway.edge.requests?tag=…}; it must exist (200). */
    public static String json(WebTestClient client, String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The one measurement of the statistic (COUNT, VALUE, TOTAL_TIME, …) in a meter's JSON. */
    public static double statistic(String json, String statistic) {
        List<Number> values = JsonPath.read(json, "$.measurements[?(@.statistic == '" + statistic + "')].value");
        assertThat(values).as(statistic).hasSize(1);
        return values.get(0).doubleValue();
    }

    /** The statistic of the meter at {@code uri}. */
    public static double statistic(WebTestClient client, String uri, String statistic) {
        return statistic(json(client, uri), statistic);
    }
}
