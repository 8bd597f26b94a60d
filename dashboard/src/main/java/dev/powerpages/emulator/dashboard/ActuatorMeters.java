package dev.powerpages.emulator.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads single meters from another service's {@code /actuator/metrics/{name}}, narrowed with the endpoint's
 * {@code ?tag=key:value} filter, which answers the sum over the series that match (Spring Boot's metrics endpoint).
 * Every future completes normally: a failed or unreadable answer is a {@link MeterReading} without a meter.
 */
class ActuatorMeters {

    private final Upstreams upstreams;
    private final ObjectMapper json;

    ActuatorMeters(Upstreams upstreams, ObjectMapper json) {
        this.upstreams = upstreams;
        this.json = json;
    }

    CompletableFuture<MeterReading> read(URI service, String name) {
        return read(service, name, Map.of());
    }

    CompletableFuture<MeterReading> read(URI service, String name, Map<String, String> tags) {
        String query = tags.isEmpty()
                ? ""
                : tags.entrySet().stream()
                        .map(tag -> "tag=" + encode(tag.getKey() + ":" + tag.getValue()))
                        .collect(Collectors.joining("&", "?", ""));
        return upstreams
                .get(service.resolve("/actuator/metrics/" + encode(name) + query), null, "application/json")
                .thenApply(this::reading);
    }

    private MeterReading reading(Fetched fetched) {
        if (!fetched.ok()) {
            return new MeterReading(fetched, null);
        }
        try {
            return new MeterReading(fetched, json.readValue(fetched.body(), MeterReading.Meter.class));
        } catch (JacksonException ex) {
            return new MeterReading(fetched, null); // not the endpoint's JSON (an HTML error page, say)
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
