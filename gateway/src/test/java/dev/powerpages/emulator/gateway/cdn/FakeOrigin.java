package dev.powerpages.emulator.gateway.cdn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * An in-process origin on MockWebServer whose answers the test scripts per path: status, headers and body, with a
 * count of the requests that reached it and the headers of the last one, so a test sees exactly what the cache
 * forwarded.
 */
final class FakeOrigin implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, String body) {

        static Answer ok(String body, Map<String, String> headers) {
            return new Answer(200, headers, body);
        }
    }

    private final Map<String, Function<Headers, Answer>> answers = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private final Map<String, Headers> lastRequestHeaders = new ConcurrentHashMap<>();

    private final MockWebServer server = new MockWebServer();

    FakeOrigin() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = URI.create(request.getTarget()).getPath();
                requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                lastRequestHeaders.put(path, request.getHeaders());
                Function<Headers, Answer> answer = answers.get(path);
                if (answer == null) {
                    return new MockResponse.Builder()
                            .code(404)
                            .body("no such path")
                            .build();
                }
                Answer reply = answer.apply(request.getHeaders());
                MockResponse.Builder response = new MockResponse.Builder().code(reply.status());
                reply.headers().forEach(response::addHeader);
                return response.body(reply.body()).build();
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void answer(String path, Answer answer) {
        answers.put(path, headers -> answer);
    }

    void answer(String path, Function<Headers, Answer> answer) {
        answers.put(path, answer);
    }

    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    Headers lastRequestHeaders(String path) {
        return lastRequestHeaders.get(path);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    @Override
    public void close() {
        server.close();
    }
}
