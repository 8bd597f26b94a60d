package dev.powerpages.emulator.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An in-process app node on MockWebServer: answers every path with its region in the body and in
 * {@code X-PP-Region}/{@code X-PP-Node}, as the real app nodes do, and echoes in
 * {@code X-Seen-*} headers what reached it, so tests can see what the gateway forwarded.
 * {@code /slow} answers after {@link #SLOW}.
 */
public final class FakeAppNode implements AutoCloseable {

    public static final Duration SLOW = Duration.ofSeconds(5);

    private final String region;

    private final AtomicInteger requests = new AtomicInteger();

    private final MockWebServer server = new MockWebServer();

    public FakeAppNode(String region) {
        this.region = region;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private MockResponse answer(RecordedRequest request) {
        requests.incrementAndGet();
        var headers = request.getHeaders();
        return new MockResponse.Builder()
                .code(200)
                .headersDelay(request.getTarget().startsWith("/slow") ? SLOW.toMillis() : 0, TimeUnit.MILLISECONDS)
                .addHeader("Content-Type", "text/plain")
                .addHeader("X-PP-Region", region)
                .addHeader("X-PP-Node", region + "-1")
                .addHeader("X-Seen-Uri", request.getTarget())
                .addHeader("X-Seen-Host", String.valueOf(headers.get("Host")))
                .addHeader("X-Seen-Forwarded-Host", String.valueOf(headers.get("X-Forwarded-Host")))
                .addHeader("X-Seen-Forwarded-Proto", String.valueOf(headers.get("X-Forwarded-Proto")))
                .addHeader("X-Seen-Azure-Ref", String.valueOf(headers.get("X-Azure-Ref")))
                .body("page from " + region)
                .build();
    }

    public String region() {
        return region;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
