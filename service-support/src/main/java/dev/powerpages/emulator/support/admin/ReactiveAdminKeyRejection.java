package dev.powerpages.emulator.support.admin;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * How a reactive service answers a request to a protected path without the admin key: the whole response. The
 * gateway declares its own (Front Door's error with the request's reference); {@link #envelope(String)} otherwise.
 */
@FunctionalInterface
public interface ReactiveAdminKeyRejection {

    Mono<Void> reject(ServerWebExchange exchange, AdminKeyFailure failure);

    /** 401 with {@code {"error":{"code":"Unauthorized","message":"The X-Admin-Key header is missing or wrong"}}}. */
    static ReactiveAdminKeyRejection envelope(String header) {
        return (exchange, failure) -> {
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            byte[] body = ErrorEnvelope.json("Unauthorized", "The " + header + " header is missing or wrong")
                    .getBytes(StandardCharsets.UTF_8);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        };
    }
}
