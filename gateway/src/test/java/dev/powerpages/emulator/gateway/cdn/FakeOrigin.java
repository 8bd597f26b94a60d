package dev.powerpages.emulator.gateway.cdn;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An in-process origin whose answers the test scripts per path: status, headers and body, with a
 * count of the requests that reached it and the headers of the last one, so a test sees exactly
 * what the cache forwarded.
 */
final class FakeOrigin implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, String body) {

        static Answer ok(String body, Map<String, String> headers) {
            return new Answer(200, headers, body);
        }
    }

    private final Map<String, Function<HttpHeaders, Answer>> answers = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private final Map<String, HttpHeaders> lastRequestHeaders = new ConcurrentHashMap<>();

    private final DisposableServer server;

    FakeOrigin() {
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    String path = URI.create(request.uri()).getPath();
                    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    lastRequestHeaders.put(path, request.requestHeaders().copy());
                    Function<HttpHeaders, Answer> answer = answers.get(path);
                    if (answer == null) {
                        return response.status(404)
                                .sendString(Mono.just("no such path"))
                                .then();
                    }
                    Answer reply = answer.apply(request.requestHeaders());
                    response.status(reply.status());
                    reply.headers().forEach(response::header);
                    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                    return response.sendByteArray(Mono.just(body)).then();
                })
                .bindNow();
    }

    void answer(String path, Answer answer) {
        answers.put(path, headers -> answer);
    }

    void answer(String path, Function<HttpHeaders, Answer> answer) {
        answers.put(path, answer);
    }

    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    HttpHeaders lastRequestHeaders(String path) {
        return lastRequestHeaders.get(path);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
