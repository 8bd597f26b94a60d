package dev.powerpages.emulator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The stack's services as check-site meets them, on one MockWebServer: answers by request target (as sent, so a
 * test sees how a URL was encoded), every request recorded. The store, the app nodes and the gateway share the
 * server; their paths do not overlap.
 */
public final class FakeStack implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Supplier<MockResponse>> answers = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public FakeStack() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                Supplier<MockResponse> answer = answers.get(request.getTarget());
                return answer != null
                        ? answer.get()
                        : new MockResponse.Builder()
                                .code(404)
                                .body("no answer for " + request.getTarget())
                                .build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public FakeStack answer(String target, Supplier<MockResponse> answer) {
        answers.put(target, answer);
        return this;
    }

    public FakeStack json(String target, String json) {
        return answer(target, () -> response(200, "application/json", json));
    }

    public FakeStack html(String target, int status, String html) {
        return answer(target, () -> response(status, "text/html;charset=UTF-8", html));
    }

    public FakeStack redirect(String target, int status, String location) {
        return answer(
                target,
                () -> new MockResponse.Builder()
                        .code(status)
                        .addHeader("Location", location)
                        .build());
    }

    public static MockResponse response(int status, String contentType, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", contentType)
                .body(body)
                .build();
    }

    public List<String> targets() {
        return requests.stream().map(RecordedRequest::getTarget).toList();
    }

    public List<RecordedRequest> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.close();
    }
}
