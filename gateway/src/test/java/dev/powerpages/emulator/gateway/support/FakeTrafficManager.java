package dev.powerpages.emulator.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An in-process traffic manager on MockWebServer answering {@code GET /api/profiles/{name}/resolve} in the shape
 * of docs/architecture.md, with an answer the test changes at will.
 */
public final class FakeTrafficManager implements AutoCloseable {

    private record Answer(int status, String body) {}

    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, "{}"));

    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

    private final AtomicInteger resolveRequests = new AtomicInteger();

    private final AtomicReference<Instant> lastAnsweredAt = new AtomicReference<>();

    private final MockWebServer server = new MockWebServer();

    public FakeTrafficManager() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (!request.getTarget().matches("/api/profiles/[^/]+/resolve")) {
                    return new MockResponse.Builder().code(404).build();
                }
                resolveRequests.incrementAndGet();
                // Slept here rather than with MockWebServer's headersDelay, so that lastAnsweredAt is when the
                // answer leaves, as the tests of the gateway's TTL read it.
                Thread.sleep(delay.get().toMillis());
                Answer now = answer.get();
                lastAnsweredAt.set(Instant.now());
                return new MockResponse.Builder()
                        .code(now.status())
                        .addHeader("Content-Type", "application/json")
                        .body(now.body())
                        .build();
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** From now on, names this endpoint, with this TTL. */
    public void answer(String endpoint, URI url, long ttlSeconds) {
        answer.set(new Answer(200, """
				{"profile":"contoso","fqdn":"contoso.trafficmanager.net","endpoint":"%s","target":"%s",\
				"url":"%s","endpointMonitorStatus":"Online","ttl":%d,"allEndpointsDegraded":false}""".formatted(endpoint, url.getAuthority(), url, ttlSeconds)));
    }

    /**
     * A traffic manager naming a primary and, as the real one does, the fallback to try when the
     * primary refuses connections (the edge retry's answer).
     */
    public static FakeTrafficManager namingPrimaryAndFallback(URI primary, URI fallback) {
        FakeTrafficManager trafficManager = new FakeTrafficManager();
        trafficManager.answer.set(
                new Answer(200, """
				{"profile":"contoso","fqdn":"contoso.trafficmanager.net","endpoint":"northeurope","target":"%s",\
				"url":"%s","endpointMonitorStatus":"Online","ttl":60,"allEndpointsDegraded":false,\
				"fallbacks":[{"endpoint":"westeurope","target":"%s","url":"%s","endpointMonitorStatus":"Online"}]}""".formatted(primary.getAuthority(), primary, fallback.getAuthority(), fallback)));
        return trafficManager;
    }

    /** Answers as for a disabled profile: 404 in Azure's error shape. */
    public void answerProfileNotFound() {
        answer.set(new Answer(
                404, "{\"error\":{\"code\":\"ProfileNotFound\",\"message\":\"Profile contoso is disabled.\"}}"));
    }

    /** Answers 500, as a traffic manager in trouble would. */
    public void answerServerError() {
        answer.set(new Answer(500, "{\"error\":{\"code\":\"InternalError\",\"message\":\"boom\"}}"));
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
        server.close();
    }
}
