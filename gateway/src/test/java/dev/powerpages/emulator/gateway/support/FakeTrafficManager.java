package dev.powerpages.emulator.gateway.support;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An in-process traffic manager answering {@code GET /api/profiles/{name}/resolve} in the shape
 * of docs/architecture.md, with an answer the test changes at will.
 */
public final class FakeTrafficManager implements AutoCloseable {

    private final AtomicReference<String> body = new AtomicReference<>();

    private final AtomicReference<HttpResponseStatus> status = new AtomicReference<>(HttpResponseStatus.OK);

    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

    private final AtomicInteger resolveRequests = new AtomicInteger();

    private final AtomicReference<Instant> lastAnsweredAt = new AtomicReference<>();

    private final DisposableServer server;

    public FakeTrafficManager() {
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    if (!request.uri().matches("/api/profiles/[^/]+/resolve")) {
                        return response.status(HttpResponseStatus.NOT_FOUND).send();
                    }
                    resolveRequests.incrementAndGet();
                    return Mono.delay(delay.get()).then(Mono.defer(() -> {
                        lastAnsweredAt.set(Instant.now());
                        return response.status(status.get())
                                .header("Content-Type", "application/json")
                                .sendString(Mono.just(body.get()))
                                .then();
                    }));
                })
                .bindNow();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** From now on, names this endpoint, with this TTL. */
    public void answer(String endpoint, URI url, long ttlSeconds) {
        status.set(HttpResponseStatus.OK);
        body.set("""
				{"profile":"contoso","fqdn":"contoso.trafficmanager.net","endpoint":"%s","target":"%s",\
				"url":"%s","endpointMonitorStatus":"Online","ttl":%d,"allEndpointsDegraded":false}""".formatted(endpoint, url.getAuthority(), url, ttlSeconds));
    }

    /** Answers as for a disabled profile: 404 in Azure's error shape. */
    public void answerProfileNotFound() {
        status.set(HttpResponseStatus.NOT_FOUND);
        body.set("{\"error\":{\"code\":\"ProfileNotFound\",\"message\":\"Profile contoso is disabled.\"}}");
    }

    /** Answers 500, as a traffic manager in trouble would. */
    public void answerServerError() {
        status.set(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        body.set("{\"error\":{\"code\":\"InternalError\",\"message\":\"boom\"}}");
    }

    public void delayAnswers(Duration duration) {
        delay.set(duration);
    }

    public int resolveRequests() {
        return resolveRequests.get();
    }

    public Instant lastAnsweredAt() {
        return lastAnsweredAt.get();
    }

    /** Takes the traffic manager off the network: connections are refused from now on. */
    @Override
    public void close() {
        server.disposeNow();
    }
}
