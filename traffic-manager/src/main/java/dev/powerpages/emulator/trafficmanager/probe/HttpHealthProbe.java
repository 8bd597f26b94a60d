package dev.powerpages.emulator.trafficmanager.probe;

import dev.powerpages.emulator.trafficmanager.profile.MonitorConfig;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * One HTTP(S) health check as Azure's probing agents make it ("Traffic Manager endpoint monitoring"):
 * a GET of the monitor path with the profile's custom headers, healthy only when an expected status
 * arrives within the timeout. Redirects are not followed; a 3xx outside the expected ranges fails.
 * Probes are asynchronous, so a slow endpoint never delays another endpoint's probe.
 * <p>
 * HTTPS probes accept any certificate, as Azure's do: "HTTPS monitoring doesn't verify whether your TLS/SSL
 * certificate is valid, it only checks that the certificate is present" ("Traffic Manager endpoint
 * monitoring"); "For HTTPS probes, certificate errors are ignored" ("Troubleshooting degraded state").
 */
@Component
public class HttpHealthProbe {

    /** The User-Agent Azure's probing agents send. */
    static final String USER_AGENT = "Azure Traffic Manager Endpoint Monitor";

    private final HttpClient client;
    private final Clock clock;

    public HttpHealthProbe() {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(AnyCertificate.sslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.clock = Clock.systemUTC();
    }

    /** Probes {@code uri}; the returned future always completes normally, with a success or a failure. */
    public CompletableFuture<ProbeResult> probe(URI uri, MonitorConfig monitor, Duration timeout) {
        Instant sent = clock.instant();
        long start = System.nanoTime();
        HttpRequest request;
        try {
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(uri).GET().timeout(timeout).header("User-Agent", USER_AGENT);
            monitor.customHeaders().forEach(header -> builder.header(header.name(), header.value()));
            request = builder.build();
        } catch (IllegalArgumentException ex) {
            // e.g. a custom header the JDK client refuses to set (Host, Connection, ...)
            return CompletableFuture.completedFuture(
                    ProbeResult.failed(sent, null, "Probe request cannot be sent: " + ex.getMessage(), Duration.ZERO));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                // The request timeout covers the wait for the headers; this also bounds the body.
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    Duration latency = Duration.ofNanos(System.nanoTime() - start);
                    return error == null
                            ? judge(sent, response, monitor, timeout, latency)
                            : ProbeResult.failed(sent, null, describe(error, timeout), latency);
                });
    }

    private static ProbeResult judge(
            Instant sent, HttpResponse<?> response, MonitorConfig monitor, Duration timeout, Duration latency) {
        int status = response.statusCode();
        if (latency.compareTo(timeout) > 0) {
            return ProbeResult.failed(
                    sent,
                    status,
                    "Answered after " + latency.toMillis() + " ms, later than the " + timeout.toMillis()
                            + " ms timeout",
                    latency);
        }
        if (monitor.expects(status)) {
            return ProbeResult.succeeded(sent, status, latency);
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("no Location");
            return ProbeResult.failed(
                    sent,
                    status,
                    "HTTP " + status + " redirect (" + location + ") is not followed: outside expectedStatusCodeRanges "
                            + monitor.expectedStatusCodeRanges(),
                    latency);
        }
        return ProbeResult.failed(
                sent,
                status,
                "HTTP " + status + " is outside expectedStatusCodeRanges " + monitor.expectedStatusCodeRanges(),
                latency);
    }

    private static String describe(Throwable error, Duration timeout) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return "Connection not established within the " + timeout.toMillis() + " ms timeout";
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "No answer within the " + timeout.toMillis() + " ms timeout";
        }
        if (cause instanceof ConnectException) {
            return "Connection refused";
        }
        if (cause instanceof IOException) {
            return "I/O error: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return "Probe failed: " + cause;
    }
}
