package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.api.ArmException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's admin API as the resource provider of the Front Door resources: the WAF policy the edge enforces
 * ({@code /_edge/admin/waf}) and the edge cache's purge ({@code /_edge/admin/cdn/purge}). The policy lives in the
 * gateway, so the resource-manager endpoint and the labs' admin API show and change the same one.
 */
@Component
class FrontDoorGateway {

    private static final String WAF = "/_edge/admin/waf";

    private final RestClient client;
    private final JsonMapper json;

    FrontDoorGateway(ArmProperties properties, RestClient.Builder builder, JsonMapper json) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofSeconds(10));
        this.client = builder.clone()
                .baseUrl(properties.gateway().url())
                .requestFactory(factory)
                .defaultHeader("X-Admin-Key", properties.gateway().adminKey())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        this.json = json;
    }

    /** The policy the edge enforces, or empty when it has none (deleted). */
    Optional<JsonNode> policy() {
        ResponseEntity<String> answer =
                call(() -> client.get().uri(WAF).retrieve().toEntity(String.class));
        if (answer.getStatusCode().value() == 404) {
            return Optional.empty();
        }
        return Optional.of(ok(answer));
    }

    /** The policy, or empty when the gateway has none or cannot be reached (listing a resource group). */
    Optional<JsonNode> policyIfReachable() {
        try {
            return policy();
        } catch (ArmException ex) {
            return Optional.empty();
        }
    }

    /** Replaces the whole policy (or creates it): the gateway validates it as Front Door would. */
    Written put(JsonNode policy) {
        ResponseEntity<String> answer = call(() -> client.put()
                .uri(WAF)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(policy))
                .retrieve()
                .toEntity(String.class));
        return new Written(ok(answer), answer.getStatusCode().value() == 201);
    }

    record Written(JsonNode policy, boolean created) {}

    /** @return false when there was no policy to delete */
    boolean deletePolicy() {
        ResponseEntity<String> answer =
                call(() -> client.delete().uri(WAF).retrieve().toEntity(String.class));
        if (answer.getStatusCode().value() == 204 || answer.getStatusCode().value() == 404) {
            return false;
        }
        ok(answer);
        return true;
    }

    /** Purges the edge cache; the number of entries removed. */
    int purge(List<String> contentPaths) {
        ResponseEntity<String> answer = call(() -> client.post()
                .uri("/_edge/admin/cdn/purge")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(Map.of("contentPaths", contentPaths)))
                .retrieve()
                .toEntity(String.class));
        return ok(answer).path("purgedEntries").asInt();
    }

    private JsonNode ok(ResponseEntity<String> answer) {
        JsonNode body = answer.getBody() == null || answer.getBody().isBlank()
                ? json.createObjectNode()
                : json.readTree(answer.getBody());
        if (answer.getStatusCode().is2xxSuccessful()) {
            return body;
        }
        if (answer.getStatusCode().is4xxClientError()) {
            // The gateway's refusal (an invalid policy: InvalidResourceProperties) reaches the client as ARM's.
            JsonNode error = body.path("error");
            throw new ArmException(
                    HttpStatus.BAD_REQUEST,
                    error.path("code").asString("BadRequest"),
                    error.path("message").asString("The Front Door resource provider refused the request."));
        }
        throw unavailable("answered " + answer.getStatusCode().value());
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException ex) {
            throw unavailable("cannot be reached (" + ex.getMostSpecificCause().getMessage() + ")");
        }
    }

    private static ArmException unavailable(String what) {
        return new ArmException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                "The Front Door resource provider (the emulator's gateway) " + what + ". Try again later.");
    }
}
