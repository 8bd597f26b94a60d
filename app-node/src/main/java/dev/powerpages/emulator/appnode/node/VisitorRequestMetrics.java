package dev.powerpages.emulator.appnode.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * {@code appnode.visitor.requests}: the requests this node served to visitors (the site's pages, files and Web API),
 * readable as one figure at {@code /actuator/metrics/appnode.visitor.requests}. The node's own paths
 * ({@link NodePaths}: health probes of the traffic manager and the region's front, admin and fault calls, metrics
 * reads) are left out, so an idle node's count stands still; the dashboard's per-instance rate is its increase.
 * Counted when the server's request observation (the one behind {@code http.server.requests}) ends.
 */
@Component
public class VisitorRequestMetrics implements ObservationHandler<ServerRequestObservationContext> {

    private final Counter served;

    public VisitorRequestMetrics(MeterRegistry registry) {
        this.served = Counter.builder("appnode.visitor.requests")
                .description("Requests served to visitors; the node's own paths (/_services, /actuator) left out")
                .register(registry);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        if (!NodePaths.isNodeService(context.getCarrier().getRequestURI())) {
            served.increment();
        }
    }
}
