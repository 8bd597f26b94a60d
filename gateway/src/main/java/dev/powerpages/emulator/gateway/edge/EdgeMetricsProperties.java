package dev.powerpages.emulator.gateway.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The window of the edge's published request-latency percentile ({@link EdgeRequestMetrics}). Micrometer keeps
 * {@code percentileBufferLength} overlapping histograms and starts the oldest afresh every
 * {@code percentileExpiry / percentileBufferLength}, so the figure read at any time covers the last
 * {@code percentileExpiry × (bufferLength − 1) / bufferLength} to {@code percentileExpiry} (application.yml: 10 s in 5
 * buffers, the last 8 to 10 s).
 *
 * @param percentileExpiry how long a request counts in the published percentile at most
 * @param percentileBufferLength how many rotating histograms share that time
 */
@ConfigurationProperties("gateway.edge.metrics")
public record EdgeMetricsProperties(Duration percentileExpiry, int percentileBufferLength) {}
