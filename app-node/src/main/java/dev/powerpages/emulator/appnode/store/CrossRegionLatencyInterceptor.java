package dev.powerpages.emulator.appnode.store;

import dev.powerpages.emulator.appnode.node.NodeProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Paired regions: Dataverse lives in the environment's primary region, so a node serving from the paired region
 * pays a cross-region round trip on every store call. The emulator's store runs next door, so the cost is
 * simulated ({@code node.cross-region-latency}) and recorded as {@code appnode.store.cross.region.latency}.
 */
class CrossRegionLatencyInterceptor implements ClientHttpRequestInterceptor {

    private final NodeProperties node;
    private final Timer added;

    CrossRegionLatencyInterceptor(NodeProperties node, MeterRegistry meters) {
        this.node = node;
        this.added = Timer.builder("appnode.store.cross.region.latency")
                .description("Simulated cross-region latency added to store calls (non-primary region only)")
                .tag("region", node.region())
                .tag("primaryRegion", String.valueOf(node.primaryRegion()))
                .register(meters);
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (!node.inPrimaryRegion()
                && node.crossRegionLatency() != null
                && !node.crossRegionLatency().isZero()) {
            try {
                Thread.sleep(node.crossRegionLatency().toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted during the simulated cross-region latency");
            }
            added.record(node.crossRegionLatency());
        }
        return execution.execute(request, body);
    }
}
