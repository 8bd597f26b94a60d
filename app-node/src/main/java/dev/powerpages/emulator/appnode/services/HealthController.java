package dev.powerpages.emulator.appnode.services;

import dev.powerpages.emulator.appnode.node.NodeProperties;
import dev.powerpages.emulator.support.error.ErrorEnvelope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint the traffic manager probes ({@code GET /_services/health}): 200 while the node can serve the
 * site, 503 otherwise, with {@code {"status","region","node","reasons"}}.
 */
@RestController
class HealthController {

    private final NodeHealth health;
    private final NodeProperties node;

    HealthController(NodeHealth health, NodeProperties node) {
        this.health = health;
        this.node = node;
    }

    @GetMapping("/_services/health")
    ResponseEntity<Map<String, Object>> health() {
        NodeHealth.Assessment assessment = health.assess();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", assessment.status().name());
        body.put("region", node.region());
        body.put("node", node.name());
        body.put("reasons", assessment.reasons());
        body.put("website", assessment.site() == null ? null : assessment.site().websiteName());
        body.put("siteLoadedAt", assessment.siteLoadedAt());
        body.put("lastRefreshError", assessment.refresh().lastError());
        body.put("circuitBreaker", health.circuitBreaker());
        HttpStatus status =
                assessment.status() == NodeHealth.Status.Unhealthy ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    /** {@code /_services/} is the node's reserved prefix: unknown paths there are not site pages. */
    @RequestMapping("/_services/**")
    ResponseEntity<ErrorEnvelope> unknownService() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorEnvelope.of("NotFound", "No such node service"));
    }
}
