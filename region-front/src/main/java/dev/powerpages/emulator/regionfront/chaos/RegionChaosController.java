package dev.powerpages.emulator.regionfront.chaos;

import dev.powerpages.emulator.regionfront.instances.EveryInstance;
import dev.powerpages.emulator.regionfront.instances.InstanceAnswer;
import dev.powerpages.emulator.regionfront.instances.RegionInstances;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /_services/chaos} on the region's address: the fault goes to every instance of the region (each checks the
 * admin key itself), so a fault set here behaves as it does on a region with one node. The answer is the first
 * instance's that could be reached, with {@code X-PP-Instances-Reached} saying how many took the request. An
 * instance's own port still takes faults for that instance alone.
 */
@RestController
@RequestMapping("/_services/chaos")
class RegionChaosController {

    private final EveryInstance everyInstance;
    private final RegionInstances instances;

    RegionChaosController(EveryInstance everyInstance, RegionInstances instances) {
        this.everyInstance = everyInstance;
        this.instances = instances;
    }

    @RequestMapping(method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.DELETE})
    Mono<ResponseEntity<byte[]>> chaos(
            ServerWebExchange exchange,
            @RequestHeader(name = "X-Admin-Key", required = false) String adminKey,
            @RequestBody(required = false) Mono<byte[]> body) {
        HttpHeaders headers = new HttpHeaders();
        if (adminKey != null) {
            headers.set("X-Admin-Key", adminKey);
        }
        Optional.ofNullable(exchange.getRequest().getHeaders().getContentType()).ifPresent(headers::setContentType);
        HttpMethod method = exchange.getRequest().getMethod();
        return body.defaultIfEmpty(new byte[0])
                .flatMap(bytes -> everyInstance.send(method, "/_services/chaos", headers, bytes))
                .map(this::regionAnswer);
    }

    private ResponseEntity<byte[]> regionAnswer(List<InstanceAnswer> answers) {
        long reached = answers.stream().filter(InstanceAnswer::reached).count();
        return answers.stream()
                .filter(InstanceAnswer::reached)
                .findFirst()
                .map(first -> {
                    ResponseEntity.BodyBuilder builder = ResponseEntity.status(first.status())
                            .header("X-PP-Instances-Reached", reached + "/" + answers.size());
                    if (first.contentType() != null) {
                        builder.contentType(first.contentType());
                    }
                    return builder.body(first.body());
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-PP-Instances-Reached", "0/" + answers.size())
                        .body(("{\"error\":{\"code\":\"RegionUnavailable\",\"message\":\"No instance of region "
                                        + instances.region() + " could be reached\"}}")
                                .getBytes(StandardCharsets.UTF_8)));
    }
}
