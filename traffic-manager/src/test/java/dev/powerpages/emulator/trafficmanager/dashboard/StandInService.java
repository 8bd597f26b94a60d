package dev.powerpages.emulator.trafficmanager.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The gateway, an app node or the store as the dashboard polls it: a MockWebServer on a random port whose
 * dispatcher answers per method and path as the test sets them (404 otherwise) and records every request.
 * {@link #stop()} closes it so that connections are refused, as a stopped service's are.
 */
final class StandInService {

    /**
     * One request received.
     *
     * @param tags the values of its {@code tag} query parameters, as Actuator's metrics endpoint takes them
     */
    record Request(String method, String path, okhttp3.Headers headers, String body, List<String> tags) {

        String header(String name) {
            return headers.get(name);
        }
    }

    record Reply(int status, String contentType, String body) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }
    }

    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest recorded) {
            Request request = new Request(
                    recorded.getMethod(),
                    recorded.getUrl().encodedPath(),
                    recorded.getHeaders(),
                    recorded.getBody() == null ? "" : recorded.getBody().utf8(),
                    recorded.getUrl().queryParameterValues("tag").stream()
                            .filter(Objects::nonNull)
                            .toList());
            requests.add(request);
            Function<Request, Reply> handler = routes.get(request.method() + " " + request.path());
            Reply reply =
                    handler == null ? Reply.json(404, "{\"error\":{\"code\":\"NotFound\"}}") : handler.apply(request);
            return new MockResponse.Builder()
                    .code(reply.status())
                    .addHeader("Content-Type", reply.contentType())
                    .body(reply.body())
                    .build();
        }
    };
    private volatile MockWebServer server;
    private final int port;

    private StandInService() {
        this.port = listen(freePort());
    }

    /**
     * A free port chosen up front: MockWebServer sets SO_REUSEADDR only on an explicit port, and without it the
     * port could not be taken again by {@link #resume()} while the dashboard's old connections linger.
     */
    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static StandInService start() {
        return new StandInService();
    }

    private int listen(int onPort) {
        MockWebServer started = new MockWebServer();
        started.setDispatcher(dispatcher);
        try {
            started.start(InetAddress.getLoopbackAddress(), onPort);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server = started;
        return started.getPort();
    }

    StandInService on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    StandInService remove(String method, String path) {
        routes.remove(method + " " + path);
        return this;
    }

    /** Requests received for a method and path, oldest first. */
    List<Request> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    void forgetRequests() {
        requests.clear();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String authority() {
        return "127.0.0.1:" + port;
    }

    /** Stops listening: connections are refused until {@link #resume()}. */
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Listens again on the same port (a closed MockWebServer cannot be restarted, so a new one takes over). */
    synchronized void resume() {
        if (server == null) {
            listen(port);
        }
    }
}
