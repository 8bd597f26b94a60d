package dev.powerpages.emulator.gateway.edge;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The gateway's reserved {@code /_edge/} prefix: its liveness probe, and a 404 for every other
 * path under it, so nothing under the prefix (nor under the gateway's {@code /actuator}) is ever
 * forwarded to an origin.
 */
@RestController
class EdgeController {

    /** Liveness of the edge itself, like Front Door's own health; says nothing about origins. */
    @GetMapping("/_edge/health")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @RequestMapping("/_edge/**")
    void reserved() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No edge endpoint at this path.");
    }

    /**
     * The gateway's actuator endpoints that are not exposed (anything but health, info and
     * prometheus) answer 404 here. Without this, the catch-all site route forwarded
     * {@code /actuator/env} and the like to the app node's own actuator: the exposed endpoints'
     * mapping (order -100) runs before this one, the site route (order 1) after it.
     */
    @RequestMapping({"/actuator", "/actuator/**"})
    void unexposedActuator() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such actuator endpoint.");
    }
}
