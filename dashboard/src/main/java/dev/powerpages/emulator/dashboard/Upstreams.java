package dev.powerpages.emulator.dashboard;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP calls from the dashboard to the other services, each bounded by a short timeout. The JDK client
 * is used directly because a poll fans out a dozen asynchronous requests at once and waits for them
 * together; every future completes normally, with an answer or a described failure, never an exception.
 */
class Upstreams {

    static final String ADMIN_KEY_HEADER = "X-Admin-Key";

    private final HttpClient client;
    private final Duration timeout;
    private final Duration actionTimeout;

    Upstreams(DashboardProperties properties) {
        this.timeout = properties.requestTimeout();
        this.actionTimeout = properties.actionTimeout();
        this.client = HttpClient.newBuilder()
                // each request bounds its own wait (below); this only caps the connection attempt
                .connectTimeout(actionTimeout.compareTo(timeout) > 0 ? actionTimeout : timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** GET, optionally with the admin key and an Accept header. */
    CompletableFuture<Fetched> get(URI uri, String adminKey, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (adminKey != null) {
            request.header(ADMIN_KEY_HEADER, adminKey);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request, timeout);
    }

    /**
     * A request with a JSON body (or none when {@code json} is null) and the admin key, for an action: someone
     * clicked and waits for the outcome, so it may take longer than a poll ({@code action-timeout}).
     */
    CompletableFuture<Fetched> send(String method, URI uri, String json, String adminKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header(ADMIN_KEY_HEADER, adminKey)
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request, actionTimeout);
    }

    private CompletableFuture<Fetched> send(HttpRequest.Builder request, Duration timeout) {
        long start = System.nanoTime();
        try {
            return client.sendAsync(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString())
                    // the request timeout covers the headers; this also bounds the body
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((response, error) -> error == null
                            ? new Fetched(response.statusCode(), response.body(), null, millisSince(start))
                            : Fetched.failed(describe(error, timeout), millisSince(start)));
        } catch (IllegalArgumentException ex) {
            return CompletableFuture.completedFuture(Fetched.failed("bad request: " + ex.getMessage(), 0));
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String describe(Throwable error, Duration timeout) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof IOException) {
            return "connection failed (" + cause.getClass().getSimpleName() + ")";
        }
        return "request failed: " + cause.getMessage();
    }
}
