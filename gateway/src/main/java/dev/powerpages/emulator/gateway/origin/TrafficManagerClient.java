package dev.powerpages.emulator.gateway.origin;

import io.netty.channel.ChannelOption;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Asks the traffic manager which endpoint takes a profile's traffic:
 * {@code GET {gateway.traffic-manager.url}/api/profiles/{profile}/resolve}. This is the gateway's
 * DNS query; it does no caching of its own (see {@link OriginResolver}).
 */
public class TrafficManagerClient {

    private final WebClient webClient;

    private final TrafficManagerProperties properties;

    public TrafficManagerClient(TrafficManagerProperties properties) {
        this.properties = properties;
        int timeoutMillis = Math.toIntExact(properties.timeout().toMillis());
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .responseTimeout(properties.timeout());
        this.webClient = WebClient.builder()
                .baseUrl(properties.url().toString())
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
    }

    /**
     * @return the answer; errors with {@link ProfileNotFoundException} when the traffic manager
     * says the profile has no endpoint, with {@link TrafficManagerUnreachableException} for
     * anything else that is not a usable answer
     */
    public Mono<ResolveAnswer> resolve(String profile) {
        return webClient
                .get()
                .uri("/api/profiles/{profile}/resolve", profile)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(ResolveAnswer.class)
                .timeout(properties.timeout())
                .flatMap(answer -> usable(answer)
                        ? Mono.just(answer)
                        : Mono.error(new TrafficManagerUnreachableException(
                                "Traffic manager answered for profile '" + profile + "' without an endpoint URL",
                                null)))
                .switchIfEmpty(Mono.error(() -> new TrafficManagerUnreachableException(
                        "Traffic manager sent an empty answer for profile '" + profile + "'", null)))
                .onErrorMap(
                        error -> !(error instanceof TrafficManagerUnreachableException),
                        error -> translate(profile, error));
    }

    private static boolean usable(ResolveAnswer answer) {
        return answer.url() != null
                && answer.url().getHost() != null
                && ("http".equals(answer.url().getScheme())
                        || "https".equals(answer.url().getScheme()));
    }

    private RuntimeException translate(String profile, Throwable error) {
        if (error instanceof WebClientResponseException response
                && response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
            return new ProfileNotFoundException("Traffic manager has no endpoint for profile '" + profile + "': "
                    + response.getResponseBodyAsString());
        }
        String reason =
                (error instanceof TimeoutException) ? "no answer within " + properties.timeout() : error.getMessage();
        return new TrafficManagerUnreachableException(
                "Traffic manager " + properties.url() + " gave no answer for profile '" + profile + "': " + reason,
                error);
    }
}
