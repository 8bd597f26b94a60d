package dev.powerpages.emulator.gateway.support;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An in-process app node: answers every path with its region in the body and in
 * {@code X-PP-Region}/{@code X-PP-Node}, as the real app nodes do, and echoes in
 * {@code X-Seen-*} headers what reached it, so tests can see what the gateway forwarded.
 * {@code /slow} answers after {@link #SLOW}.
 */
public final class FakeAppNode implements AutoCloseable {

    public static final Duration SLOW = Duration.ofSeconds(5);

    private final String region;

    private final AtomicInteger requests = new AtomicInteger();

    private final DisposableServer server;

    public FakeAppNode(String region) {
        this.region = region;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    requests.incrementAndGet();
                    Duration delay = request.uri().startsWith("/slow") ? SLOW : Duration.ZERO;
                    var headers = request.requestHeaders();
                    return Mono.delay(delay)
                            .then(response.status(200)
                                    .header("Content-Type", "text/plain")
                                    .header("X-PP-Region", region)
                                    .header("X-PP-Node", region + "-1")
                                    .header("X-Seen-Uri", request.uri())
                                    .header("X-Seen-Host", String.valueOf(headers.get("Host")))
                                    .header("X-Seen-Forwarded-Host", String.valueOf(headers.get("X-Forwarded-Host")))
                                    .header("X-Seen-Forwarded-Proto", String.valueOf(headers.get("X-Forwarded-Proto")))
                                    .header("X-Seen-Azure-Ref", String.valueOf(headers.get("X-Azure-Ref")))
                                    .sendString(Mono.just("page from " + region))
                                    .then());
                })
                .bindNow();
    }

    public String region() {
        return region;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
