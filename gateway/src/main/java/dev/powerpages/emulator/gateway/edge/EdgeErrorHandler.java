package dev.powerpages.emulator.gateway.edge;

import dev.powerpages.emulator.gateway.origin.NoOriginException;
import dev.powerpages.emulator.gateway.origin.OriginFailure;
import dev.powerpages.emulator.gateway.origin.OriginFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure into the answer an edge gives: 503 when no origin can be named, 502/504
 * when the origin fails, the framework's own 4xx for bad requests, each with a small JSON body
 * naming the problem and the request's X-Azure-Ref. Runs before Spring Boot's default handler
 * (order -1) so no stack trace or Whitelabel body ever reaches a visitor.
 */
public class EdgeErrorHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EdgeErrorHandler.class);

    private final JsonMapper jsonMapper;

    public EdgeErrorHandler(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Part of the origin's response is already on its way; all that is left is to cut it.
            return Mono.error(error);
        }
        String reference = EdgeReference.of(exchange);
        Answer answer = answerFor(error, reference);
        response.setStatusCode(answer.status());
        response.getHeaders().clear();
        response.getHeaders().set(EdgeReference.HEADER, reference);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        EdgeHeaders.addTo(response.getHeaders());
        byte[] body = jsonMapper.writeValueAsBytes(EdgeError.of(answer.code(), answer.message(), reference));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private Answer answerFor(Throwable error, String reference) {
        if (error instanceof NoOriginException noOrigin) {
            log.debug("{} [{}]", noOrigin.getMessage(), reference);
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, noOrigin.code(), noOrigin.getMessage());
        }
        if (error instanceof OriginFailureException originFailure) {
            log.debug("{} [{}]", originFailure.getMessage(), reference);
            return new Answer(
                    originFailure.failure().status(), originFailure.failure().code(), originFailure.getMessage());
        }
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().is4xxClientError()) {
            return new Answer(
                    status.getStatusCode(),
                    codeFor(status.getStatusCode()),
                    status.getReason() != null ? status.getReason() : "The request cannot be served.");
        }
        // An origin failure outside a tm:// route (no endpoint known to name).
        var failure = OriginFailure.classify(error);
        if (failure.isPresent()) {
            return new Answer(
                    failure.get().status(),
                    failure.get().code(),
                    "The origin " + failure.get().description() + ".");
        }
        log.error("Unexpected failure [{}]", reference, error);
        return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, "InternalError", "The edge failed to handle the request.");
    }

    private static String codeFor(HttpStatusCode status) {
        if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            // The code the edge's own size checks use (WafFilter), whichever stage finds the body too big.
            return "RequestEntityTooLarge";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return "Error" + status.value();
        }
        StringBuilder code = new StringBuilder();
        for (String word : known.name().split("_")) {
            code.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return code.toString();
    }

    private record Answer(HttpStatusCode status, String code, String message) {}
}
