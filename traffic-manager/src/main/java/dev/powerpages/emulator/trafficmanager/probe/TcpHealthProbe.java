package dev.powerpages.emulator.trafficmanager.probe;

import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * One TCP health check as Azure makes it for {@code monitorConfig.protocol: TCP} ("Traffic Manager endpoint
 * monitoring": the endpoint is healthy when a TCP connection to the port opens within the timeout; no
 * request is sent, so no status code, path or custom headers apply). Asynchronous, like the HTTP probe.
 */
@Component
public class TcpHealthProbe {

    private final Clock clock = Clock.systemUTC();

    /** Connects to host:port; the returned future always completes normally, with a success or a failure. */
    public CompletableFuture<ProbeResult> probe(String host, int port, Duration timeout) {
        Instant sent = clock.instant();
        long start = System.nanoTime();
        CompletableFuture<ProbeResult> outcome = new CompletableFuture<>();
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open();
        } catch (IOException ex) {
            return CompletableFuture.completedFuture(
                    ProbeResult.failed(sent, null, "Probe cannot open a socket: " + ex.getMessage(), Duration.ZERO));
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            close(channel);
            return CompletableFuture.completedFuture(
                    ProbeResult.failed(sent, null, "Host " + host + " cannot be resolved", Duration.ZERO));
        }
        channel.connect(address, null, new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void result, Void attachment) {
                close(channel);
                outcome.complete(ProbeResult.connected(sent, Duration.ofNanos(System.nanoTime() - start)));
            }

            @Override
            public void failed(Throwable error, Void attachment) {
                close(channel);
                outcome.complete(ProbeResult.failed(
                        sent, null, describe(error, timeout), Duration.ofNanos(System.nanoTime() - start)));
            }
        });
        return outcome.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(error -> {
            close(channel);
            return ProbeResult.failed(
                    sent, null, describe(error, timeout), Duration.ofNanos(System.nanoTime() - start));
        });
    }

    private static String describe(Throwable error, Duration timeout) {
        if (error instanceof TimeoutException || error instanceof SocketTimeoutException) {
            return "Connection not established within the " + timeout.toMillis() + " ms timeout";
        }
        if (error instanceof ConnectException) {
            return "Connection refused";
        }
        if (error instanceof UnknownHostException) {
            return "Host cannot be resolved";
        }
        return "I/O error: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: the probe's outcome is already decided
        }
    }
}
