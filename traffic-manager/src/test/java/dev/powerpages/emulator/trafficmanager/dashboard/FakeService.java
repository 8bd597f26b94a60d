package dev.powerpages.emulator.trafficmanager.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-process HTTP service on a random port standing in for the gateway, an app node or the store:
 * answers per method and path as the test sets them (404 otherwise) and records every request.
 */
final class FakeService {

    record Request(String method, String path, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Reply(int status, String contentType, String body) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }
    }

    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    private FakeService(int port) {
        this.port = listen(port);
    }

    static FakeService start() {
        return new FakeService(0);
    }

    private int listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    FakeService on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    FakeService remove(String method, String path) {
        routes.remove(method + " " + path);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    body);
            requests.add(request);
            Function<Request, Reply> handler = routes.get(request.method() + " " + request.path());
            Reply reply = handler == null ? Reply.json(404, "{\"error\":{\"code\":\"NotFound\"}}") : handler.apply(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
        catch (IOException ex) {
            // the dashboard gave up waiting and closed the connection
        }
    }

    /** Requests received for a method and path, oldest first. */
    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
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
    void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    void resume() {
        if (server == null) {
            listen(port);
        }
    }
}
