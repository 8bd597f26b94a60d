package dev.powerpages.emulator.regionfront.instances;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends one request to every instance of the region at once and collects the answers in instance order: how the
 * front answers for the region as a whole (its health) and applies a fault to the whole region (chaos).
 */
@Component
public class EveryInstance {

    private final RegionInstances instances;
    private final FrontProperties properties;
    private final WebClient client = WebClient.create();

    EveryInstance(RegionInstances instances, FrontProperties properties) {
        this.instances = instances;
        this.properties = properties;
    }

    public Mono<List<InstanceAnswer>> send(HttpMethod method, String path, HttpHeaders headers, byte[] body) {
        return Flux.fromIterable(instances.all())
                .flatMapSequential(instance -> send(instance, method, path, headers, body))
                .collectList();
    }

    private Mono<InstanceAnswer> send(
            ServiceInstance instance, HttpMethod method, String path, HttpHeaders headers, byte[] body) {
        String url = instance.getUri() + path;
        WebClient.RequestBodySpec request = client.method(method).uri(url).headers(h -> h.addAll(headers));
        WebClient.RequestHeadersSpec<?> withBody = body.length > 0 ? request.bodyValue(body) : request;
        return withBody.exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new InstanceAnswer(
                                instance.getInstanceId(),
                                url,
                                response.statusCode().value(),
                                response.headers().contentType().orElse(null),
                                bytes,
                                null)))
                .timeout(properties.instanceTimeout())
                .onErrorResume(e -> Mono.just(InstanceAnswer.unreachable(instance.getInstanceId(), url, e)));
    }
}
