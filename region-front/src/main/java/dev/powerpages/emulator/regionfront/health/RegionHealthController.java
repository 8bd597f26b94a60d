package dev.powerpages.emulator.regionfront.health;

import dev.powerpages.emulator.regionfront.instances.EveryInstance;
import dev.powerpages.emulator.regionfront.instances.InstanceAnswer;
import dev.powerpages.emulator.regionfront.instances.RegionInstances;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The region's probe endpoint, which the traffic manager probes as Azure probes an App Service with several
 * instances: the region is healthy while any instance can serve, so one dead instance does not fail the region over
 * (only the front's load balancer takes it out). Each probe asks every instance afresh, so the answer is never older
 * than the probe. The body is the first healthy instance's own answer, with {@code instances} added.
 */
@RestController
class RegionHealthController {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final EveryInstance everyInstance;
    private final RegionInstances instances;
    private final JsonMapper json;

    RegionHealthController(EveryInstance everyInstance, RegionInstances instances, JsonMapper json) {
        this.everyInstance = everyInstance;
        this.instances = instances;
        this.json = json;
    }

    @GetMapping("/_services/health")
    Mono<ResponseEntity<Map<String, Object>>> health() {
        return everyInstance
                .send(HttpMethod.GET, "/_services/health", new HttpHeaders(), new byte[0])
                .map(this::regionHealth);
    }

    private ResponseEntity<Map<String, Object>> regionHealth(List<InstanceAnswer> answers) {
        List<Map<String, Object>> summary = new ArrayList<>();
        Map<String, Object> healthy = null;
        List<String> reasons = new ArrayList<>();
        for (InstanceAnswer answer : answers) {
            Map<String, Object> body = parse(answer);
            String status = answer.reached() ? String.valueOf(body.getOrDefault("status", "Unknown")) : "Unreachable";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", answer.instance());
            row.put("url", answer.url().replace("/_services/health", ""));
            row.put("status", status);
            summary.add(row);
            if (answer.status() == 200 && healthy == null) {
                healthy = body;
            } else if (answer.status() != 200) {
                reasons.add(answer.instance() + ": "
                        + (answer.reached()
                                ? status + " " + body.getOrDefault("reasons", List.of())
                                : answer.failure()));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (healthy != null) {
            result.putAll(healthy);
        } else {
            result.put("status", "Unhealthy");
            result.put("region", instances.region());
            result.put("node", null);
            result.put("reasons", List.of("No instance of the region can serve: " + String.join("; ", reasons)));
        }
        result.put("instances", summary);
        HttpStatus status = healthy != null ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(result);
    }

    private Map<String, Object> parse(InstanceAnswer answer) {
        if (!answer.reached() || answer.body().length == 0) {
            return Map.of();
        }
        try {
            return json.readValue(answer.body(), JSON_OBJECT);
        } catch (RuntimeException notJson) {
            return Map.of();
        }
    }
}
