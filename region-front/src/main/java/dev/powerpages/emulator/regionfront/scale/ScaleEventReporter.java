package dev.powerpages.emulator.regionfront.scale;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reports each scaling decision to the traffic manager, which keeps it in the profile's event list
 * ({@code POST /api/profiles/{profile}/events}, {@code "kind":"Scale"}) beside the status changes of the endpoint that
 * stands for the region. A report that fails is logged and dropped: the decision itself stands.
 */
@Component
class ScaleEventReporter {

    private static final Logger log = LoggerFactory.getLogger(ScaleEventReporter.class);

    private final ScaleProperties.Events events;
    private final String endpoint;
    private final WebClient client = WebClient.create();

    ScaleEventReporter(
            ScaleProperties properties, dev.powerpages.emulator.regionfront.instances.FrontProperties front) {
        this.events = properties.events();
        this.endpoint = events.endpoint() == null || events.endpoint().isBlank() ? front.region() : events.endpoint();
    }

    void report(ScaleRule.Decision decision) {
        if (events.trafficManagerUrl() == null || events.trafficManagerUrl().isBlank()) {
            return;
        }
        Map<String, Object> body = Map.of(
                "kind",
                "Scale",
                "endpoint",
                endpoint,
                "reason",
                "Scale " + decision.direction().name().toLowerCase() + ": " + decision.reason(),
                "instances",
                Map.of("from", decision.from(), "to", decision.to()));
        client.post()
                .uri(events.trafficManagerUrl() + "/api/profiles/{profile}/events", events.profile())
                .header("X-Admin-Key", events.adminKey())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .timeout(Duration.ofSeconds(5))
                .subscribe(
                        answer -> {},
                        failure -> log.warn(
                                "Could not report the scale decision to the traffic manager at {}: {}",
                                events.trafficManagerUrl(),
                                failure.getMessage()));
    }
}
